-- deps: dm.fact_ky_sager
-- columns: sag_id, maaned
SELECT sag_id, maaned FROM dm.fact_ky_sager
WHERE maaned <= ${data_tom}::date AND maaned > ${data_tom}::date - interval '13 months'

-- deps: dm.fact_ky_sager
-- columns: sag_id, status
SELECT sag_id, status
FROM dm.fact_ky_sager
WHERE (kommune_kode, status) IN (VALUES (101, 'Åben'), (147, 'Åben'))

-- deps: dm.fact_ky_sager
-- columns: sag_id, fuldtidsperson, maaned
SELECT sag_id,
       least(greatest(coalesce(nullif(fuldtidsperson, 0), value, 0), 0), 1) AS fuldtidsperson,
       maaned
FROM dm.fact_ky_sager
WHERE maaned BETWEEN SYMMETRIC ${data_tom}::date AND ${data_fra}::date

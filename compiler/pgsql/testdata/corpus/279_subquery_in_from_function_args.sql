-- deps: dm.dim_tid, dm.fact_ky_sager
-- columns: maaned, antal
SELECT m::date AS maaned, count(f.sag_id) AS antal
FROM generate_series((SELECT min(dato) FROM dm.dim_tid),
                     (SELECT max(maaned) FROM dm.fact_ky_sager),
                     interval '1 month') AS m
LEFT JOIN dm.fact_ky_sager f ON f.maaned = m::date
GROUP BY 1

-- deps: stg_ky_sag
-- columns: sag_id, maaned
SELECT s.sag_id, m.maaned::date AS maaned
FROM stg_ky_sag s
CROSS JOIN LATERAL generate_series(date_trunc('month', s.startdato), date_trunc('month', coalesce(s.slutdato, ${data_tom}::date)), interval '1 month') AS m(maaned)

-- deps: stg.stg_ky_sag
-- columns: sag_id, maaned
SELECT s.sag_id, g.maaned
FROM stg.stg_ky_sag s,
     generate_series(date_trunc('month', s.startdato), date_trunc('month', s.slutdato), '1 month'::interval) g(maaned)

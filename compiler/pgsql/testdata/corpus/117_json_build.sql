-- deps: dm.fact_ky_sager
-- columns: sag_id, data
SELECT sag_id, jsonb_build_object('beloeb', beloeb, 'maaned', to_char(maaned, 'YYYY-MM')) AS data
FROM dm.fact_ky_sager

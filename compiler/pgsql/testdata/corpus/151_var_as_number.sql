-- deps: dm.fact_ky_sager
-- columns: sag_id
SELECT sag_id FROM dm.fact_ky_sager WHERE beloeb > ${min_beloeb} LIMIT ${max_raekker}

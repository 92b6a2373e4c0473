-- deps: kommuner, stg.stg_ky_sag
-- columns: sag_id, region
SELECT s.sag_id, k.region
FROM stg.stg_ky_sag s
JOIN kommuner k ON k.kode = s.kommune_kode

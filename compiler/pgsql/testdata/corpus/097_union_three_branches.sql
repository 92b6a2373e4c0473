-- deps: stg.stg_ky_sag, stg.stg_fsiii_sag, stg.stg_sag_andet
-- columns: sag_id, omraade
SELECT sag_id, 'KY' AS omraade FROM stg.stg_ky_sag
UNION
SELECT sag_id, 'FSIII' FROM stg.stg_fsiii_sag
UNION ALL
SELECT sag_id, omraade FROM stg.stg_sag_andet WHERE omraade IS NOT NULL

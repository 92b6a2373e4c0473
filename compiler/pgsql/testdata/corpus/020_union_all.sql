-- deps: stg.stg_ky_sag, stg.stg_fsiii_sag
-- columns: sag_id, kilde
SELECT sag_id, 'KY' AS kilde FROM stg.stg_ky_sag
UNION ALL
SELECT sag_id, 'FSIII' FROM stg.stg_fsiii_sag

-- deps: stg.stg_ky_ydelse
-- columns: sag_id, beloeb
SELECT sag_id, nullif(beloeb, 0) AS beloeb FROM stg.stg_ky_ydelse WHERE beloeb IS NOT NULL

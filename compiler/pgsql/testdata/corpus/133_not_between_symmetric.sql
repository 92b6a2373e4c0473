-- deps: stg.stg_ky_ydelse
-- columns: sag_id
SELECT sag_id FROM stg.stg_ky_ydelse WHERE beloeb NOT BETWEEN SYMMETRIC 100 AND 0

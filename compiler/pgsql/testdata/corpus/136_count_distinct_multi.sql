-- deps: stg.stg_ky_ydelse
-- columns: antal
SELECT count(DISTINCT (sag_id, dato)) AS antal FROM stg.stg_ky_ydelse

-- deps: stg.stg_ky_ydelse
-- columns: row, noegle
SELECT ROW(sag_id, dato), (sag_id, dato) AS noegle FROM stg.stg_ky_ydelse

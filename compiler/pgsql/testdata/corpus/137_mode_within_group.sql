-- deps: stg.stg_ky_ydelse
-- columns: sag_id, typisk
SELECT sag_id, mode() WITHIN GROUP (ORDER BY ydelse_type) AS typisk FROM stg.stg_ky_ydelse GROUP BY sag_id

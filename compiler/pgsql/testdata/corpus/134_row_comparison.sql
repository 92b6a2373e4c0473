-- deps: stg.stg_ky_ydelse, stg.stg_ky_sag
-- columns: sag_id
SELECT sag_id FROM stg.stg_ky_ydelse
WHERE (sag_id, dato) IN (SELECT sag_id, max(dato) FROM stg.stg_ky_sag GROUP BY sag_id)

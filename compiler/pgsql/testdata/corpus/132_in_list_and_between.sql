-- deps: stg.stg_ky_ydelse
-- columns: sag_id
SELECT sag_id FROM stg.stg_ky_ydelse
WHERE ydelse_type IN ('A', 'B', 'C') AND dato BETWEEN '2024-01-01' AND ${data_tom}

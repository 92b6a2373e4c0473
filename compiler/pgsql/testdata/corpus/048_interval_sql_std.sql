-- deps: dsa.ky_sag
-- columns: sag_id, frist
SELECT sag_id, oprettet_dato + INTERVAL '3' MONTH AS frist
FROM dsa.ky_sag

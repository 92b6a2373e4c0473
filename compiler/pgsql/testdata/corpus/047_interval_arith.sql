-- deps: dsa.ky_sag
-- columns: sag_id, frist
SELECT sag_id, oprettet_dato + interval '3 months' - INTERVAL '1 day' AS frist
FROM dsa.ky_sag
WHERE oprettet_dato > now() - interval '2 years'

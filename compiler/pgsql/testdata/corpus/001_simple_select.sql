-- deps: dsa.ky_sag
-- columns: sag_id, borger_id, oprettet_dato
SELECT sag_id, borger_id, oprettet_dato
FROM dsa.ky_sag

-- deps: dsa.ky_sag
-- columns: borger_id, sag_id, status, oprettet
SELECT DISTINCT ON (borger_id)
       borger_id, sag_id, status, oprettet
FROM dsa.ky_sag
WHERE aktiv
ORDER BY borger_id, oprettet DESC NULLS LAST, sag_id

-- deps: dsa.ky_sag_status
-- columns: sag_id, status, gyldig_fra
SELECT DISTINCT ON (sag_id) sag_id, status, gyldig_fra
FROM dsa.ky_sag_status
ORDER BY sag_id, gyldig_fra DESC NULLS LAST

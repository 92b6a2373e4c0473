-- deps: dsa.ky_haendelse
-- columns: haendelse_id, sekunder
SELECT haendelse_id, EXTRACT(EPOCH FROM (afsluttet - modtaget)) AS sekunder FROM dsa.ky_haendelse

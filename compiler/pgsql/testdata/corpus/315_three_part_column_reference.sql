-- deps: dsa.ky_sag, dsa.borger
-- columns: sag_id, name
SELECT dsa.ky_sag.sag_id, dsa.borger.name
FROM dsa.ky_sag
JOIN dsa.borger ON dsa.borger.borger_id = dsa.ky_sag.borger_id
WHERE dsa.ky_sag.aktiv

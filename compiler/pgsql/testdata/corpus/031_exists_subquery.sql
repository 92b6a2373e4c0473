-- deps: dsa.borger, dsa.ky_sag
-- columns: borger_id
SELECT b.borger_id
FROM dsa.borger b
WHERE EXISTS (SELECT 1 FROM dsa.ky_sag s WHERE s.borger_id = b.borger_id)

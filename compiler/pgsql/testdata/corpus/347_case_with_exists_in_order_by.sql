-- deps: dsa.borger, dsa.ky_sag
-- columns: borger_id, name
SELECT b.borger_id, b.name
FROM dsa.borger b
ORDER BY CASE WHEN EXISTS (SELECT 1 FROM dsa.ky_sag s WHERE s.borger_id = b.borger_id) THEN 0 ELSE 1 END,
         b.name

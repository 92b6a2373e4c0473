-- deps: dsa.ky_ydelse
-- columns: type
SELECT DISTINCT type
FROM dsa.ky_ydelse
ORDER BY type
LIMIT ALL OFFSET 0

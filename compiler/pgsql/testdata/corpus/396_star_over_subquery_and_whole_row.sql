-- deps: dsa.ky_sag
-- columns: a, b, s
SELECT x.*, s
FROM (SELECT 1 AS a, 'b' AS b) AS x
CROSS JOIN dsa.ky_sag s

-- deps: dsa.x, indre
-- columns: n
WITH ydre AS (
    WITH indre AS (SELECT 1 AS n FROM dsa.x)
    SELECT n FROM indre
)
SELECT n FROM ydre JOIN indre USING (n)

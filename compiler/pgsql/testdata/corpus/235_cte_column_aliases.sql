-- deps: dm.fact_ky_sager
-- columns: m, n
WITH maaneder(m) AS (
    SELECT DISTINCT maaned FROM dm.fact_ky_sager
), taelling (m, n) AS (
    SELECT maaned, count(*) FROM dm.fact_ky_sager GROUP BY maaned
)
SELECT maaneder.m, taelling.n
FROM maaneder LEFT JOIN taelling USING (m)

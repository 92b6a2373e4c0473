-- deps: dm.dim_borger
-- columns: aldersgruppe, antal
SELECT CASE
         WHEN alder < 18 THEN '0-17'
         WHEN alder BETWEEN 18 AND 29 THEN '18-29'
         WHEN alder BETWEEN 30 AND 66 THEN '30-66'
         ELSE '67+'
       END AS aldersgruppe,
       count(*) AS antal
FROM dm.dim_borger
GROUP BY 1

-- deps: fravaer, dsa.fravaer
-- columns: medarbejder_id, timer
WITH samlet AS (
    SELECT medarbejder_id, sum(timer) AS timer
    FROM fravaer
    GROUP BY DISTINCT medarbejder_id, ROLLUP (dato)
),
fravaer AS (
    SELECT medarbejder_id, timer FROM dsa.fravaer
)
SELECT medarbejder_id, timer FROM samlet
UNION ALL
SELECT medarbejder_id, timer FROM fravaer

-- deps: dm.fact_udbetaling
-- columns: sag_id, total
SELECT sag_id, sum(beloeb) AS total
FROM dm.fact_udbetaling
GROUP BY sag_id
ORDER BY total DESC
OFFSET 10 ROWS
FETCH FIRST 25 ROWS WITH TIES

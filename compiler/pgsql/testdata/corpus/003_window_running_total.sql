-- deps: dm.fact_ky_sager
-- columns: sag_id, maaned, beloeb, akkumuleret
SELECT sag_id, maaned, beloeb,
       sum(beloeb) OVER (PARTITION BY sag_id ORDER BY maaned ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS akkumuleret
FROM dm.fact_ky_sager

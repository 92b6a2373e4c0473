-- deps: dm.fact_ky_sager
-- columns: aar, maaned, beloeb
SELECT extract(year FROM maaned) AS aar, extract(month FROM maaned) AS maaned, sum(beloeb) AS beloeb
FROM dm.fact_ky_sager
GROUP BY ROLLUP (1, 2)

-- deps: dm.fact_ky_sager
-- columns: periode, beloeb
SELECT to_char(maaned, 'YYYY-MM') AS periode, to_char(sum(beloeb), 'FM999G999G990D00') AS beloeb
FROM dm.fact_ky_sager
GROUP BY 1

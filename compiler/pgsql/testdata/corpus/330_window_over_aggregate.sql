-- deps: dm.fact_udbetaling
-- columns: ydelse, beloeb, andel_pct, kumuleret
SELECT ydelse,
       sum(beloeb) AS beloeb,
       round(100 * sum(beloeb) / sum(sum(beloeb)) OVER (), 2) AS andel_pct,
       sum(sum(beloeb)) OVER (ORDER BY sum(beloeb) DESC ROWS UNBOUNDED PRECEDING) AS kumuleret
FROM dm.fact_udbetaling
GROUP BY ydelse

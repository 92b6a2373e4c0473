-- deps: dm.fact_udbetaling, dm.dim_kommune
-- columns: region, kommune_navn, ydelse, beloeb, niveau
SELECT k.region,
       k.kommune_navn,
       f.ydelse,
       sum(f.beloeb) AS beloeb,
       GROUPING(k.region, k.kommune_navn, f.ydelse) AS niveau
FROM dm.fact_udbetaling f
JOIN dm.dim_kommune k USING (kommune_kode)
GROUP BY GROUPING SETS ((k.region, k.kommune_navn), (k.region), (f.ydelse), ())
ORDER BY niveau, 1, 2, 3

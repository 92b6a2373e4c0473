-- deps: dm.fact_udbetaling
-- columns: kommune_kode, ydelse, maaned, beloeb, g
SELECT kommune_kode, ydelse, maaned, sum(beloeb) AS beloeb,
       grouping(kommune_kode, ydelse) AS g
FROM dm.fact_udbetaling
GROUP BY GROUPING SETS (ROLLUP (kommune_kode, ydelse), CUBE (maaned)), ()
HAVING grouping(kommune_kode) = 0 OR sum(beloeb) > 0

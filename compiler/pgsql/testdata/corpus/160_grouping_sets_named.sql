-- deps: dm.fact_fsiii_indsats
-- columns: omraade, leverandoer, timer, er_total
SELECT omraade, leverandoer, sum(timer) AS timer, GROUPING(omraade) = 1 AS er_total
FROM dm.fact_fsiii_indsats
GROUP BY GROUPING SETS (omraade, leverandoer, ())

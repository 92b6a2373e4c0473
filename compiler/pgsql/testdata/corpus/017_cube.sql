-- deps: dm.fact_fsiii_indsats
-- columns: omraade, indsats, timer
SELECT omraade, indsats, sum(timer) AS timer
FROM dm.fact_fsiii_indsats
GROUP BY CUBE (omraade, indsats)

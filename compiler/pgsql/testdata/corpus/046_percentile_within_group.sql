-- deps: dm.fact_fsiii_indsats
-- columns: omraade, median_timer
SELECT omraade, percentile_cont(0.5) WITHIN GROUP (ORDER BY timer) AS median_timer
FROM dm.fact_fsiii_indsats
GROUP BY omraade

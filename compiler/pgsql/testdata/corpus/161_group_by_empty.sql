-- deps: dm.fact_fsiii_indsats
-- columns: timer
SELECT sum(timer) AS timer FROM dm.fact_fsiii_indsats GROUP BY ()

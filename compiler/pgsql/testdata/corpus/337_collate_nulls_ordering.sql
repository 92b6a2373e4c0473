-- deps: dm.dim_kommune
-- columns: kommune_navn, region
SELECT kommune_navn, region
FROM dm.dim_kommune
ORDER BY region COLLATE "C" NULLS FIRST, kommune_navn DESC NULLS LAST

-- deps: dm.dim_kommune
-- columns: navn
SELECT navn COLLATE "C" AS navn FROM dm.dim_kommune ORDER BY 1

-- deps: dm.dim_kommune
-- columns: x, rod, abs, potens, kommune_navn
SELECT kommune_kode # 1 AS x, |/ indbyggere AS rod, @ (indbyggere - 50000) AS abs, 2 ^ 3 AS potens, kommune_navn FROM dm.dim_kommune
WHERE kommune_kode % 2 = 0 AND kommune_kode != 0

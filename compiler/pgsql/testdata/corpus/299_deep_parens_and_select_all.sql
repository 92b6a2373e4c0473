-- deps: dm.dim_kommune
-- columns: kommune_navn
((((SELECT ALL kommune_navn FROM dm.dim_kommune WHERE ((indbyggere > (10000)))))))

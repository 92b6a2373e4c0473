-- deps: dm.dim_kommune
-- columns: kommune_navn, n
SELECT k.kommune_navn, g.n
FROM dm.dim_kommune k
CROSS JOIN pg_catalog.generate_series(1, 3) AS g(n)
CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[k.kommune_kode]) AS u

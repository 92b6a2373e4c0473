-- deps: dm.dim_kommune
-- columns: kommune_kode, kommune_navn, gruppe
SELECT k.kommune_kode, k.kommune_navn, g.gruppe
FROM dm.dim_kommune k
JOIN (VALUES (101, 'Storby'), (147, 'Storby'), (751, 'Storby'), (851, 'Storby'))
     AS g(kommune_kode, gruppe) USING (kommune_kode)

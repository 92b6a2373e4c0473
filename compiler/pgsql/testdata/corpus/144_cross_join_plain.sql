-- deps: dm.dim_kommune, dm.dim_maaned
-- columns: kommune_kode, maaned
SELECT k.kommune_kode, m.maaned FROM dm.dim_kommune k CROSS JOIN dm.dim_maaned m

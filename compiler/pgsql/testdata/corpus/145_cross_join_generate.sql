-- deps: dm.dim_kommune
-- columns: kommune_kode, maaned
SELECT k.kommune_kode, m::date AS maaned
FROM dm.dim_kommune k CROSS JOIN generate_series(DATE '2024-01-01', DATE '2024-12-01', INTERVAL '1 month') m

-- deps: dm.dim_kommune
-- columns: kommune_kode, kommune_navn
WITH k AS (TABLE dm.dim_kommune)
SELECT kommune_kode, kommune_navn FROM k WHERE indbyggere > 50000

-- deps: dm.dim_kommune
-- columns: kommune_kode, navn
SELECT kommune_kode, navn FROM dm.dim_kommune
ORDER BY CASE WHEN region = 'Hovedstaden' THEN 0 ELSE 1 END, navn COLLATE "da-DK-x-icu"

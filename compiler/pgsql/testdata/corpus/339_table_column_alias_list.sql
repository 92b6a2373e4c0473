-- deps: dm.dim_kommune
-- columns: kode, navn
SELECT k.kode, k.navn
FROM dm.dim_kommune AS k(kode, navn)

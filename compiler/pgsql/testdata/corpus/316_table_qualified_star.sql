-- deps: dsa.ky_sag, dm.dim_kommune
SELECT s.*, k.kommune_navn, dm.dim_kommune.region
FROM dsa.ky_sag s
JOIN dm.dim_kommune USING (kommune_kode)
JOIN dm.dim_kommune k ON k.kommune_kode = s.kommune_kode

-- deps: dsa.ky_sag, dsa.borger, dm.dim_kommune
-- columns: sag_id
SELECT s.sag_id
FROM (dsa.ky_sag s JOIN dsa.borger b ON b.borger_id = s.borger_id)
JOIN dm.dim_kommune k ON k.kommune_kode = b.kommune_kode

-- deps: dsa.ky_sag, dsa.borger, dm.dim_kommune
-- columns: sag_id, navn, kommune
SELECT s.sag_id, b.navn, k.navn AS kommune
FROM dsa.ky_sag s
INNER JOIN dsa.borger b ON b.borger_id = s.borger_id
LEFT OUTER JOIN dm.dim_kommune k ON k.kommune_kode = b.kommune_kode

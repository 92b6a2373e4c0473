-- deps: dsa.ky_sag, dsa.borger, dm.dim_kommune
-- columns: sag_id
SELECT s.sag_id FROM dsa.ky_sag s, dsa.borger b, dm.dim_kommune k
WHERE s.borger_id = b.borger_id AND k.kommune_kode = b.kommune_kode

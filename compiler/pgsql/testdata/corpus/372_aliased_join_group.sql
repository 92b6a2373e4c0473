-- deps: dsa.ky_sag, dsa.borger, dm.dim_kommune
-- columns: sag_id, name, kommune_navn
SELECT sb.sag_id, sb.name, k.kommune_navn
FROM (dsa.ky_sag s JOIN dsa.borger b USING (borger_id)) AS sb
JOIN dm.dim_kommune k ON k.kommune_kode = sb.postnr / 10

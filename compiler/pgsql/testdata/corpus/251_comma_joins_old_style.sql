-- deps: dsa.ky_sag, dsa.borger, dm.dim_kommune, ref.postnumre
-- columns: sag_id, name, kommune_navn, bynavn
SELECT s.sag_id, b.name, k.kommune_navn, p.bynavn
FROM dsa.ky_sag s, dsa.borger b, dm.dim_kommune k, ref.postnumre p
WHERE b.borger_id = s.borger_id
  AND k.kommune_kode = s.kommune_kode
  AND p.postnr = b.postnr

-- deps: dsa.ky_sag, dm.dim_kommune
-- columns: sag_id
SELECT s.sag_id
FROM dsa/* staging */.ky_sag s
JOIN dm -- mart
  .dim_kommune k USING (kommune_kode)

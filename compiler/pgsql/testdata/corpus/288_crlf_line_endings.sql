-- deps: dsa.ky_sag, dm.dim_kommune
-- columns: sag_id, kommune_navn
-- saved on a Windows laptop: CRLF line endings
SELECT s.sag_id,
       k.kommune_navn -- FROM crlf_fake
FROM dsa.ky_sag s
JOIN dm.dim_kommune k
  ON k.kommune_kode = s.kommune_kode

-- deps: dsa.ky_sag
-- columns: sag_id, status_tekst
SELECT s.sag_id, v.tekst AS status_tekst
FROM dsa.ky_sag s
JOIN (VALUES ('A', 'Åben'), ('L', 'Lukket'), ('X', 'Annulleret')) AS v(kode, tekst)
  ON v.kode = s.status

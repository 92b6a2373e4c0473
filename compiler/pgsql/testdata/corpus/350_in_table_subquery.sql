-- deps: dsa.ky_sag, ky_sag
-- columns: sag_id
SELECT sag_id
FROM dsa.ky_sag
WHERE (sag_id, kommune_kode, status) IN (TABLE ky_sag)
   OR EXISTS (TABLE ky_sag)

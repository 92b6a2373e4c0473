-- deps: dsa.ky_sag, ky_sag
-- columns: sag_id
SELECT x.sag_id
FROM (SELECT sag_id, kommune_kode FROM dsa.ky_sag) AS ky_sag
JOIN LATERAL (SELECT ky_sag.sag_id) x ON true
WHERE EXISTS (SELECT 1 FROM ky_sag k2 WHERE k2.sag_id = ky_sag.sag_id)

-- deps: dsa.ky_sag, ky_sag
-- columns: sag_id
SELECT ky_sag.sag_id
FROM (SELECT sag_id FROM dsa.ky_sag ORDER BY sag_id OFFSET 10 ROWS) AS ky_sag
WHERE ky_sag.sag_id IN (SELECT sag_id FROM ky_sag)

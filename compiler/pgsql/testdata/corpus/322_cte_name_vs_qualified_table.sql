-- deps: ky_sag, dsa.ky_sag
-- columns: sag_id, status, kommune_kode
WITH ky_sag AS (
    SELECT sag_id, status FROM ky_sag
)
SELECT c.sag_id, c.status, d.kommune_kode
FROM ky_sag c
JOIN dsa.ky_sag d ON d.sag_id = c.sag_id

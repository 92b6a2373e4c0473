-- deps: dsa.ky_sag, ky_sag
-- columns: sag_id, status
SELECT o.sag_id, o.status
FROM (
    WITH ky_sag AS (SELECT sag_id, status FROM dsa.ky_sag)
    SELECT sag_id, status FROM ky_sag
) AS o
JOIN ky_sag p ON p.sag_id = o.sag_id

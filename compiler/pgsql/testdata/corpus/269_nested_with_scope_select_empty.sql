-- deps: dsa.ky_sag, ky_sag
-- columns: sag_id
SELECT k.sag_id
FROM ky_sag k
WHERE EXISTS (
    WITH ky_sag AS (SELECT sag_id FROM dsa.ky_sag WHERE aktiv)
    SELECT FROM ky_sag a WHERE a.sag_id = k.sag_id
)

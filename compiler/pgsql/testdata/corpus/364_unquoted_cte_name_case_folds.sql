-- deps: dsa.ky_sag
-- columns: sag_id
WITH Sager AS (SELECT sag_id FROM dsa.ky_sag)
SELECT sag_id FROM SAGER
UNION
SELECT sag_id FROM "sager"

-- deps: dsa.ky_sag
-- columns: sag_id
WITH ky_sag AS (SELECT sag_id FROM dsa.ky_sag WHERE aktiv)
SELECT sag_id FROM ky_sag

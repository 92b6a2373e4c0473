-- deps: dsa.ky_sag
-- columns: sag_id
WITH aktive AS (SELECT sag_id FROM dsa.ky_sag WHERE slutdato IS NULL)
SELECT sag_id FROM dsa.ky_sag WHERE sag_id NOT IN (SELECT sag_id FROM aktive)

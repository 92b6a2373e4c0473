-- deps: dsa.ky_sag, dsa.ky_ydelse
-- columns: sag_id
WITH aktive AS (SELECT sag_id FROM dsa.ky_sag WHERE slutdato IS NULL)
SELECT a.sag_id FROM aktive a
WHERE EXISTS (SELECT 1 FROM dsa.ky_ydelse y WHERE y.sag_id = a.sag_id AND y.dato > current_date - 30)

-- deps: dsa.ky_sag, ky_sag
-- columns: sag_id, status
WITH a AS (
    WITH ky_sag AS (SELECT sag_id FROM dsa.ky_sag WHERE aktiv)
    SELECT sag_id FROM ky_sag
)
-- the inner ky_sag is out of scope here: this is the table public.ky_sag
SELECT a.sag_id, ky_sag.status
FROM a
JOIN ky_sag USING (sag_id)

-- deps: dsa.ky_sag, ky_sag, dm.fact_ky_sager
-- columns: sag_id
SELECT f.sag_id
FROM dm.fact_ky_sager f
WHERE f.sag_id IN (WITH ky_sag AS (SELECT sag_id FROM dsa.ky_sag WHERE aktiv) SELECT sag_id FROM ky_sag)
  AND f.sag_id NOT IN (SELECT sag_id FROM ky_sag WHERE status = 'Slettet')

-- deps: dm.fact_ky_sager
-- columns: sag_id
SELECT f.sag_id
FROM dm.fact_ky_sager f
WHERE f IS NOT NULL
  AND (f.sag_id, f.maaned) NOT IN (SELECT x.sag_id, x.maaned FROM dm.fact_ky_sager x WHERE x.status = 'Slettet')

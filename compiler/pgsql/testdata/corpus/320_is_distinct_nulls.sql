-- deps: dm.fact_ky_sager, dm.fact_udbetaling
-- columns: sag_id, maaned, status
SELECT a.sag_id, a.maaned, a.status
FROM dm.fact_ky_sager a
LEFT JOIN dm.fact_udbetaling b
  ON b.sag_id IS NOT DISTINCT FROM a.sag_id
 AND b.maaned IS NOT DISTINCT FROM a.maaned
WHERE b.ydelse IS DISTINCT FROM a.status
  AND a.fuldtidsperson IS NOT NULL
  AND (a.value > 0) IS NOT FALSE
  AND (a.status = 'Åben') IS NOT UNKNOWN

-- deps: dsa.medarbejder
-- columns: medarbejder_id, org_id, loen, forrige_loen, naeste_loen, foerste, nr
SELECT medarbejder_id,
       org_id,
       loen,
       lag(loen) OVER w AS forrige_loen,
       lead(loen, 1, 0) OVER w AS naeste_loen,
       first_value(navn) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS foerste,
       row_number() OVER w AS nr
FROM dsa.medarbejder
WINDOW w AS (PARTITION BY org_id ORDER BY ansat, medarbejder_id)

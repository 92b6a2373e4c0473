-- deps: dsa.organisation, dsa.medarbejder
-- columns: navn, org
SELECT m.navn, o.navn AS org
FROM dsa.medarbejder m
JOIN dsa.organisation o
  ON o.org_id = m.org_id
 AND (o.gyldig_fra, coalesce(o.gyldig_til, 'infinity'::date))
     OVERLAPS (m.ansat, coalesce(m.fratraadt, 'infinity'::date))

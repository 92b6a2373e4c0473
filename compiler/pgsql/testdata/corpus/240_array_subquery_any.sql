-- deps: dsa.organisation, dsa.medarbejder
-- columns: org_id, medarbejdere, antal_ledere
SELECT o.org_id,
       ARRAY(SELECT m.navn FROM dsa.medarbejder m WHERE m.org_id = o.org_id ORDER BY m.navn) AS medarbejdere,
       cardinality(ARRAY(SELECT DISTINCT leder_id FROM dsa.medarbejder WHERE org_id = o.org_id)) AS antal_ledere
FROM dsa.organisation o
WHERE o.org_id = ANY (ARRAY(SELECT org_id FROM dsa.medarbejder WHERE fratraadt IS NULL))

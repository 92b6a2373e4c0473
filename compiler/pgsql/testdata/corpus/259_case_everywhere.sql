-- deps: dsa.borger, dsa.ky_sag
-- columns: aldersgruppe, koen, antal
SELECT CASE
         WHEN age(${data_tom}::date, b.foedselsdato) < interval '18 years' THEN '0-17'
         WHEN age(${data_tom}::date, b.foedselsdato) < interval '30 years' THEN '18-29'
         ELSE '30+'
       END AS aldersgruppe,
       CASE b.koen WHEN 'M' THEN 'Mand' WHEN 'K' THEN 'Kvinde' ELSE 'Ukendt' END AS koen,
       count(*) AS antal
FROM dsa.borger b
JOIN dsa.ky_sag s
  ON s.borger_id = b.borger_id
 AND CASE WHEN s.slutdato IS NULL THEN true ELSE s.slutdato > ${data_tom}::date END
GROUP BY 1, 2
ORDER BY CASE WHEN min(b.foedselsdato) IS NULL THEN 1 ELSE 0 END, 1

-- deps: dsa.regnskab
-- columns: konto, beloeb
(WITH r AS (SELECT konto, beloeb FROM dsa.regnskab WHERE year = ${aar})
 SELECT konto, sum(beloeb) AS beloeb FROM r GROUP BY konto)
ORDER BY beloeb DESC
LIMIT 20

-- deps: dsa.budget, dsa.regnskab
-- columns: kilde, kommune_kode, year, beloeb
SELECT 'budget' AS kilde, kommune_kode, year, sum(beloeb) AS beloeb
FROM dsa.budget
GROUP BY kommune_kode, year
UNION ALL
SELECT 'regnskab', kommune_kode, year, sum(beloeb)
FROM dsa.regnskab
GROUP BY kommune_kode, year
ORDER BY kommune_kode, year, kilde

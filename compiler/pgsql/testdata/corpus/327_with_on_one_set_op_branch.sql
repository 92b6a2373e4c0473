-- deps: dsa.budget, budget
-- columns: kommune_kode, year, beloeb
(WITH budget AS (SELECT kommune_kode, year, beloeb FROM dsa.budget WHERE konto LIKE '5%')
 SELECT kommune_kode, year, beloeb FROM budget)
UNION ALL
SELECT kommune_kode, year, beloeb FROM budget

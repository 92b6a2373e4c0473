-- deps: dsa.budget, dsa.regnskab
-- columns: kommune_kode, year, konto, budget, regnskab, afvigelse
SELECT kommune_kode, year, konto,
       coalesce(b.beloeb, 0) AS budget,
       coalesce(r.beloeb, 0) AS regnskab,
       coalesce(r.beloeb, 0) - coalesce(b.beloeb, 0) AS afvigelse
FROM (SELECT kommune_kode, year, konto, sum(beloeb) AS beloeb FROM dsa.budget GROUP BY 1, 2, 3) b
FULL OUTER JOIN (SELECT kommune_kode, year, konto, sum(beloeb) AS beloeb FROM dsa.regnskab GROUP BY 1, 2, 3) r
     USING (kommune_kode, year, konto)

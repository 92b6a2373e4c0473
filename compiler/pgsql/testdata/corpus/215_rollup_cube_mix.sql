-- deps: dsa.budget, dsa.regnskab
-- columns: kommune_kode, year, month, budget, regnskab
SELECT b.kommune_kode, b.year, b.month,
       sum(b.beloeb) AS budget,
       sum(r.beloeb) AS regnskab
FROM dsa.budget b
FULL OUTER JOIN dsa.regnskab r USING (kommune_kode, year, month, konto)
GROUP BY b.kommune_kode, ROLLUP (b.year, b.month), CUBE (b.konto)

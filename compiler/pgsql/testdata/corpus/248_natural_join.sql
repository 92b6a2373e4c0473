-- deps: dsa.budget, dsa.regnskab
-- columns: kommune_kode, year, month, konto, beloeb
SELECT kommune_kode, year, month, konto, beloeb
FROM dsa.budget NATURAL JOIN dsa.regnskab

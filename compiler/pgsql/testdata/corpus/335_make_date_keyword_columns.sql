-- deps: dsa.budget
-- columns: maaned, konto, beloeb
SELECT make_date(year, month, 1) AS maaned,
       konto,
       sum(beloeb) AS beloeb
FROM dsa.budget
WHERE year >= extract(year FROM ${data_tom}::date) - 1
GROUP BY year, month, konto
ORDER BY 1

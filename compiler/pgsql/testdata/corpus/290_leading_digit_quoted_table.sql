-- deps: raw.2024_budget
-- columns: konto, beloeb
SELECT konto, sum("Beløb i kr") AS beloeb
FROM raw."2024_budget"
WHERE afdeling ~ '^(Social|Sundhed)'
GROUP BY konto

-- deps: stg.budget, stg.regnskab
-- columns: konto, budget, regnskab
SELECT coalesce(b.konto, r.konto) AS konto, b.beloeb AS budget, r.beloeb AS regnskab
FROM stg.budget b
FULL OUTER JOIN stg.regnskab r ON r.konto = b.konto

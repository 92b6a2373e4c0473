-- deps: stg.budget, stg.regnskab
-- columns: konto
SELECT coalesce(b.konto, r.konto) AS konto
FROM stg.budget b FULL JOIN stg.regnskab r USING (konto)

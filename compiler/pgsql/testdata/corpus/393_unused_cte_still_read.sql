-- deps: dsa.budget, dsa.regnskab
-- columns: kommune_kode, beloeb
WITH b AS (
    SELECT kommune_kode, beloeb FROM dsa.regnskab   -- left over, never used below
)
SELECT b.kommune_kode, b.beloeb
FROM dsa.budget AS b

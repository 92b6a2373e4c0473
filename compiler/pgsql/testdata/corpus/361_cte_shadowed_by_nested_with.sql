-- deps: dsa.budget, dsa.regnskab
-- columns: kommune_kode, b, r
WITH tal AS (SELECT kommune_kode, sum(beloeb) AS b FROM dsa.budget GROUP BY 1)
SELECT tal.kommune_kode, tal.b, inner_tal.r
FROM tal
JOIN (
    WITH tal AS (SELECT kommune_kode, sum(beloeb) AS r FROM dsa.regnskab GROUP BY 1)
    SELECT kommune_kode, r FROM tal
) AS inner_tal USING (kommune_kode)

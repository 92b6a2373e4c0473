-- deps: dsa.ky_sag
-- columns: k, n
SELECT s.k, s.n
FROM (SELECT kommune_kode, count(*) FROM dsa.ky_sag GROUP BY 1) AS s(k, n)
WHERE s.n > 0

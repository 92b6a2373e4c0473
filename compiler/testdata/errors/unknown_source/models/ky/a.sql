SELECT 1 AS x
FROM dsa.ky_sagg

-- deps: dm.dim_kommune, dsa.budget, dsa.regnskab
-- columns: kommune_kode, budget, regnskab
SELECT k.kommune_kode,
       coalesce((SELECT sum(b.beloeb) FROM dsa.budget b WHERE b.kommune_kode = k.kommune_kode), 0) AS budget,
       greatest(0, (SELECT sum(r.beloeb) FROM dsa.regnskab r WHERE r.kommune_kode = k.kommune_kode)) AS regnskab
FROM dm.dim_kommune k

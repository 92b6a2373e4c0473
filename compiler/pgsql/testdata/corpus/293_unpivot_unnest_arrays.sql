-- deps: dsa.regnskab
-- columns: kommune_kode, felt, vaerdi
SELECT r.kommune_kode, u.felt, u.vaerdi
FROM dsa.regnskab r,
     unnest(ARRAY['year', 'month'], ARRAY[r.year, r.month]) AS u(felt, vaerdi)

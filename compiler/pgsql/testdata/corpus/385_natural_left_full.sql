-- deps: dsa.budget, dsa.regnskab, public.budget
-- columns: kommune_kode, year
SELECT kommune_kode, year
FROM dsa.budget
NATURAL LEFT JOIN dsa.regnskab
NATURAL FULL JOIN public.budget

-- deps: public.budget, budget
-- columns: kommune_kode, year, beloeb
SELECT kommune_kode, year, beloeb FROM public.budget
UNION ALL
VALUES (0, 0, 0::numeric)
UNION ALL
TABLE budget

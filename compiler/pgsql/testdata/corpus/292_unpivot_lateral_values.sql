-- deps: dsa.budget
-- columns: kommune_kode, year, maal, vaerdi
SELECT b.kommune_kode, b.year, v.maal, v.vaerdi
FROM dsa.budget b
CROSS JOIN LATERAL (VALUES ('month', b.month::numeric), ('beloeb', b.beloeb)) AS v(maal, vaerdi)
WHERE v.vaerdi IS NOT NULL

-- deps: dm.fact_udbetaling, dm.dim_kommune, dsa.budget
-- columns: sag_id, beloeb
SELECT sag_id, beloeb
FROM dm.fact_udbetaling
WHERE kommune_kode = ANY (SELECT kommune_kode FROM dm.dim_kommune WHERE region = 'Hovedstaden')
  AND beloeb > ALL (SELECT beloeb / 1000 FROM dsa.budget WHERE year = 2024)
  AND ydelse NOT IN (SELECT unnest(ARRAY['test', 'demo']))

-- deps: sager, public.sager
-- columns: sag_id, n
WITH "Sager" AS (SELECT sag_id FROM public.sager)
SELECT s.sag_id, r.n
FROM sager s
JOIN "Sager" USING (sag_id)
CROSS JOIN ROWS FROM (generate_series(1, 2)) AS r(n)

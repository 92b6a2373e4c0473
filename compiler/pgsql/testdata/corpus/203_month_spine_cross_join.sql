-- deps: dsa.ky_sag, dm.dim_kommune
-- columns: maaned, kommune_kode, kommune_navn, aabne_sager
WITH spine AS (
    SELECT gs::date AS maaned
    FROM generate_series(date '2020-01-01', date_trunc('month', ${data_tom}::date), interval '1 month') AS gs
),
sager AS (
    SELECT sag_id, kommune_kode, startdato, coalesce(slutdato, 'infinity'::date) AS slutdato
    FROM dsa.ky_sag
)
SELECT s.maaned,
       k.kommune_kode,
       k.kommune_navn,
       count(sa.sag_id) AS aabne_sager
FROM spine s
CROSS JOIN dm.dim_kommune k
LEFT JOIN sager sa
       ON sa.kommune_kode = k.kommune_kode
      AND sa.startdato < s.maaned + interval '1 month'
      AND sa.slutdato >= s.maaned
GROUP BY 1, 2, 3
ORDER BY 1, 2

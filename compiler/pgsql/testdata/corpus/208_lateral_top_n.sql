-- deps: dm.dim_kommune, dm.fact_udbetaling
-- columns: kommune_navn, sag_id, beloeb
SELECT k.kommune_navn, top.sag_id, top.beloeb
FROM dm.dim_kommune AS k
CROSS JOIN LATERAL (
    SELECT u.sag_id, sum(u.beloeb) AS beloeb
    FROM dm.fact_udbetaling u
    WHERE u.kommune_kode = k.kommune_kode
    GROUP BY u.sag_id
    ORDER BY 2 DESC
    LIMIT 3
) AS top

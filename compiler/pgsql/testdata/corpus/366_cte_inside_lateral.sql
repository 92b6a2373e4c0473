-- deps: dm.dim_kommune, dm.fact_udbetaling
-- columns: kommune_navn, maaned, beloeb
SELECT k.kommune_navn, l.maaned, l.beloeb
FROM dm.dim_kommune k
CROSS JOIN LATERAL (
    WITH pr_maaned AS (
        SELECT maaned, sum(beloeb) AS beloeb
        FROM dm.fact_udbetaling u
        WHERE u.kommune_kode = k.kommune_kode
        GROUP BY maaned
    )
    SELECT maaned, beloeb FROM pr_maaned ORDER BY maaned DESC LIMIT 12
) l

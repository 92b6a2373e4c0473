-- deps: dm.fact_udbetaling, dm.dim_kommune
-- columns: region, beloeb
WITH regioner AS (
    SELECT region, sum(beloeb) AS beloeb
    FROM (
        SELECT k.region, x.beloeb
        FROM (
            SELECT kommune_kode, beloeb
            FROM (
                SELECT kommune_kode, beloeb, row_number() OVER (PARTITION BY sag_id ORDER BY maaned DESC) AS rn
                FROM dm.fact_udbetaling
            ) y
            WHERE rn = 1
        ) x
        JOIN dm.dim_kommune k ON k.kommune_kode = x.kommune_kode
    ) z
    GROUP BY region
)
SELECT region, beloeb FROM regioner

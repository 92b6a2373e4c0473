WITH "eph_kommuner" AS (
SELECT kommune_kode, kommune_navn FROM "dm"."dim_kommune"
),
 stg_sag AS (   -- a CTE that shadows the model of the same name
    SELECT * FROM "stg"."stg_sag" WHERE maaned >= '-infinity'::date
)
SELECT s.sag_id, s.maaned, k.kommune_navn, count(*) FILTER (WHERE s.kommune_kode > 25) AS n
FROM stg_sag s
JOIN "eph_kommuner" k ON k.kommune_kode = s.kommune_kode
GROUP BY 1, 2, 3

WITH stg_sag AS (   -- a CTE that shadows the model of the same name
    SELECT * FROM stg.stg_sag WHERE maaned >= ${range_start}::date
)
SELECT s.sag_id, s.maaned, k.kommune_navn, count(*) FILTER (WHERE s.kommune_kode > ${min_hours}) AS n
FROM stg_sag s
JOIN eph_kommuner k ON k.kommune_kode = s.kommune_kode
GROUP BY 1, 2, 3

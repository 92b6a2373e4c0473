-- deps: stg.stg_ky_sag, stg.stg_ky_ydelse, dm.dim_kommune
-- columns: sag_id, maaned, kommune_kode, kommune_navn, beloeb, antal_ydelser, fuldtidsperson
WITH maaneder AS (
    SELECT s.sag_id, s.kommune_kode, gs::date AS maaned
    FROM stg.stg_ky_sag s
    CROSS JOIN LATERAL generate_series(
        date_trunc('month', s.startdato)::date,
        least(coalesce(s.slutdato, ${data_tom}::date), ${data_tom}::date),
        interval '1 month'
    ) AS gs
),
ydelser AS (
    SELECT sag_id, date_trunc('month', dato)::date AS maaned, sum(beloeb) AS beloeb, count(*) AS antal
    FROM stg.stg_ky_ydelse
    GROUP BY 1, 2
)
SELECT m.sag_id, m.maaned, m.kommune_kode, k.navn AS kommune_navn,
       coalesce(y.beloeb, 0) AS beloeb,
       coalesce(y.antal, 0) AS antal_ydelser,
       round(coalesce(y.beloeb, 0) / 20000.0, 4) AS fuldtidsperson
FROM maaneder m
LEFT JOIN ydelser y ON y.sag_id = m.sag_id AND y.maaned = m.maaned
LEFT JOIN dm.dim_kommune k ON k.kommune_kode = m.kommune_kode

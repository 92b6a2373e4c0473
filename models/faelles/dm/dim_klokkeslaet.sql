-- One row per minute of the day; Aula intervals point at it with start/slut_minut_key.
SELECT
    m                                    AS minut_key,
    make_time(m / 60, m % 60, 0)         AS klokkeslaet,
    (m / 60)::smallint                   AS time_nr,
    ((m % 60) / 15)::smallint            AS kvarter
FROM generate_series(0, 1439) AS g (m)

-- One row per calendar day. Generated rather than seeded: the range is a rule, not data.
SELECT
    d::date                                                        AS dato,
    date_trunc('month', d)::date                                   AS maaned,
    extract(year FROM d)::smallint                                 AS aar,
    extract(quarter FROM d)::smallint                              AS kvartal,
    extract(month FROM d)::smallint                                AS maaned_nr,
    (ARRAY['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli',
           'august', 'september', 'oktober', 'november', 'december'])
        [extract(month FROM d)::int]                               AS maaned_navn,
    extract(isoyear FROM d)::smallint                              AS iso_aar,
    extract(week FROM d)::smallint                                 AS iso_uge,
    extract(isodow FROM d)::smallint                               AS ugedag_nr,
    extract(day FROM date_trunc('month', d) + interval '1 month - 1 day')::smallint
                                                                   AS dage_i_maaned,
    (date_trunc('month', d) + interval '1 month - 1 day')::date    AS sidste_dag_i_maaned
FROM generate_series(timestamp '2015-01-01', timestamp '2030-12-31', interval '1 day') AS g (d)

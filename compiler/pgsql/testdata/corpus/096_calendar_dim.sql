-- deps:
-- columns: dato, aar, kvartal, ugedag, er_weekend
SELECT d::date AS dato,
       extract(isoyear FROM d)::int AS aar,
       extract(quarter FROM d)::int AS kvartal,
       to_char(d, 'TMDay') AS ugedag,
       extract(isodow FROM d) IN (6, 7) AS er_weekend
FROM generate_series('2015-01-01'::date, '2030-12-31'::date, interval '1 day') AS g(d)

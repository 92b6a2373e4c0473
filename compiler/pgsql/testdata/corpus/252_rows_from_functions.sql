-- deps:
-- columns: n, dag, ord, ordinality
SELECT *
FROM ROWS FROM (
        generate_series(1, 7),
        generate_series(date '2024-01-01', date '2024-01-07', interval '1 day'),
        unnest(ARRAY['man', 'tir', 'ons', 'tor', 'fre', 'lør', 'søn'])
     ) WITH ORDINALITY AS x(n, dag, ord)

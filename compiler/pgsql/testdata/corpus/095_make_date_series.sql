-- deps:
-- columns: maaned, maaned_slut
SELECT d::date AS maaned, (d + interval '1 month' - interval '1 day')::date AS maaned_slut
FROM generate_series(make_date(2020, 1, 1), ${data_tom}::date, '1 month') AS d

SELECT 1 AS x
WHERE now() < ${data_tomm}::date

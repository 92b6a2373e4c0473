-- deps: stg.change
-- columns: key, rank, groups, row_number, interval
SELECT c.key,
       rank() OVER (ORDER BY c.changed_at) AS rank,
       count(*) OVER (PARTITION BY c.key) AS groups,
       row_number() OVER () AS row_number,
       c.changed_at - lag(c.changed_at) OVER (PARTITION BY c.key ORDER BY c.changed_at) AS interval
FROM stg.change AS c
WHERE 'x' = ANY (c.keys)

-- deps: stg.snapshot_a, stg.snapshot_b
-- columns: id
SELECT a.id FROM stg.snapshot_a a
JOIN stg.snapshot_b b ON a.id = b.id
WHERE a.status IS DISTINCT FROM b.status OR a.beloeb IS NOT DISTINCT FROM NULL

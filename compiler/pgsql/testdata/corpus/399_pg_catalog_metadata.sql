-- deps: pg_catalog.pg_class, pg_catalog.pg_namespace
-- columns: schema, tabel, raekker
SELECT n.nspname AS schema, c.relname AS tabel, c.reltuples::bigint AS raekker
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('dm', 'dsa') AND c.relkind IN ('r', 'p')

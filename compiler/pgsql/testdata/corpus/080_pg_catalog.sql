-- deps: pg_catalog.pg_class
-- columns: relname
SELECT relname FROM pg_catalog.pg_class WHERE relkind = 'r'

-- deps: information_schema.columns
-- columns: table_name, column_name
SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'dm'

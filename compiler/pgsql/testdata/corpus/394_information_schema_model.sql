-- deps: information_schema.columns
-- columns: table_name, kolonner
SELECT table_name, string_agg(column_name, ', ' ORDER BY ordinal_position) AS kolonner
FROM information_schema.columns
WHERE table_schema = 'dm'
GROUP BY table_name

-- deps:
-- columns: numeric, int4, text, jsonb
SELECT numeric '1.50', int '4', text 'x', jsonb '{"a": 1}'

-- deps: dsa.events
-- columns: event_id, kind
SELECT event_id, kind
FROM dsa.events TABLESAMPLE BERNOULLI (5) REPEATABLE (42)
WHERE kind IS NOT NULL

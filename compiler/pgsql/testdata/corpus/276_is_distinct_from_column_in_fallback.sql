-- deps: dsa.events
-- columns: event_id, kind
SELECT event_id, kind
FROM dsa.events TABLESAMPLE SYSTEM (1)
WHERE kind IS DISTINCT FROM source
  AND extract(epoch FROM occurred_at) > 0
  AND substring(source FROM 1 FOR 3) IS NOT DISTINCT FROM kind

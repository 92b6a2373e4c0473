-- deps: dsa.events
-- columns: event_id, key, value
SELECT e.event_id, kv.key, kv.value
FROM dsa.events e, jsonb_each_text(e.body) kv
WHERE kv.key NOT IN ('cpr', 'navn')

-- deps: dsa.events
-- columns: event_id, skabelon
-- ${not_a_var} in a comment FROM comment_fake
SELECT event_id,
       'Hej ${navn}, FROM string_fake' AS skabelon
FROM dsa.events
WHERE occurred_at < ${data_tom}::date

-- deps: raw.api_dump
-- columns: id, fetched_at, item_id, item_type, amount
SELECT d.id,
       d.fetched_at,
       (e.item ->> 'id')::int         AS item_id,
       e.item #>> '{meta,type}'       AS item_type,
       CAST(e.item -> 'amount' ->> 'value' AS numeric(14, 2)) AS amount
FROM raw.api_dump d
CROSS JOIN LATERAL jsonb_array_elements(d.doc -> 'items') AS e(item)
WHERE d.doc @> '{"status": "ok"}'::jsonb
  AND d.doc ? 'items'
  AND NOT (d.doc ?| array['deleted', 'archived'])

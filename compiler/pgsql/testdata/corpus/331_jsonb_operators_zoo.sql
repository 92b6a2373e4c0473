-- deps: dsa.events
-- columns: event_id, from, first_item, sti, uden_pii, antal
SELECT event_id,
       body ->> 'from'                         AS "from",
       body -> 'items' -> 0                    AS first_item,
       body #> '{a,b}'                         AS sti,
       body - 'cpr' #- '{adresse,vej}'         AS uden_pii,
       jsonb_array_length(coalesce(body -> 'items', '[]'::jsonb)) AS antal
FROM dsa.events
WHERE body @? '$.items[*] ? (@.amount > 100)'
  AND body @@ '$.kind == "FROM"'
  AND body ?& ARRAY['kind', 'items']
  AND body ->> 'type' = 'from'

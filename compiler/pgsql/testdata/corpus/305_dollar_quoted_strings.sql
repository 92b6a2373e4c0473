-- deps: dsa.events
-- columns: event_id, label, regel
SELECT event_id,
       $$FROM dollar_fake WHERE 'x'$$ AS label,
       $tag$ SELECT * FROM tagged_fake $$ nested $$ $tag$ AS regel
FROM dsa.events

-- deps: dsa.events
-- columns: kvarter, antal
SELECT s.kvarter, count(e.event_id) AS antal
FROM generate_series(date_trunc('day', now()) - interval '1 day', date_trunc('day', now()), interval '15 minutes') AS s(kvarter)
LEFT JOIN dsa.events e
       ON date_bin('15 minutes', e.occurred_at, timestamptz '2000-01-01') = s.kvarter
GROUP BY s.kvarter

-- deps: dsa.events, dm.dim_tid, ref.location
-- columns: event_id, lokal
SELECT event_id,
       occurred_at AT TIME ZONE (SELECT min(type) FROM ref.location) AS lokal
FROM dsa.events
WHERE occurred_at::date BETWEEN (SELECT min(dato) FROM dm.dim_tid) AND (SELECT max(dato) FROM dm.dim_tid)

-- deps: dsa.events
-- columns: event_id, kode, antal, aktiv
SELECT e.event_id, r.kode, r.antal, r.aktiv
FROM dsa.events e,
     jsonb_to_recordset(e.body -> 'linjer') AS r(kode text, antal int, aktiv boolean)
WHERE e.kind = 'bestilling'

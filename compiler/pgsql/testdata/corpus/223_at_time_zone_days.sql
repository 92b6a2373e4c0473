-- deps: dsa.events
-- columns: dag, time, antal
SELECT (occurred_at AT TIME ZONE 'Europe/Copenhagen')::date AS dag,
       extract(hour FROM occurred_at AT TIME ZONE 'Europe/Copenhagen') AS "time",
       count(*) AS antal
FROM dsa.events
WHERE occurred_at >= (${data_tom}::date - 30)::timestamp AT TIME ZONE 'Europe/Copenhagen'
GROUP BY 1, 2
ORDER BY 1, 2

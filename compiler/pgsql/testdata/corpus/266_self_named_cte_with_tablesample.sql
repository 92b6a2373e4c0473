-- deps: events
-- columns: type, n
WITH events AS (
    SELECT type, value FROM events TABLESAMPLE SYSTEM (10)
)
SELECT type, count(*) AS n FROM events GROUP BY type

-- deps: dsa.events
-- columns: kind, n
WITH e AS (SELECT kind FROM dsa.events)
(SELECT kind, count(*) AS n FROM e GROUP BY kind ORDER BY n DESC LIMIT 5)
UNION ALL
(SELECT 'i alt', count(*) FROM e)

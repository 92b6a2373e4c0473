-- deps: dsa.events
-- columns: FROM fake, select
SELECT kind AS "FROM fake", source AS "select"
FROM dsa.events

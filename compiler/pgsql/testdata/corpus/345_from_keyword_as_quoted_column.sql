-- deps: dsa.fravaer
-- columns: from, to, join
SELECT f."from", f."to", f."join"
FROM (SELECT fra AS "from", til AS "to", aarsag AS "join" FROM dsa.fravaer) AS f
WHERE f."from" < f."to"

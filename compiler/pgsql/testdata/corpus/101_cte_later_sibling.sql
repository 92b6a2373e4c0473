-- deps: a, dsa.a
-- columns: x
WITH b AS (SELECT x FROM a), a AS (SELECT x FROM dsa.a)
SELECT x FROM b

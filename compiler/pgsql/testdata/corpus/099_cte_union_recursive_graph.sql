-- deps: dsa.relation
-- columns: fra, til, dybde
WITH RECURSIVE graf(fra, til, dybde, sti) AS (
    SELECT r.fra, r.til, 1, ARRAY[r.fra, r.til]
    FROM dsa.relation r
  UNION ALL
    SELECT g.fra, r.til, g.dybde + 1, g.sti || r.til
    FROM graf g
    JOIN dsa.relation r ON r.fra = g.til
    WHERE NOT r.til = ANY(g.sti) AND g.dybde < 10
)
SELECT fra, til, dybde FROM graf

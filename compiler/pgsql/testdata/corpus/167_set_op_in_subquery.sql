-- deps: dsa.a, dsa.b
-- columns: id
SELECT id FROM (SELECT id FROM dsa.a UNION SELECT id FROM dsa.b) u

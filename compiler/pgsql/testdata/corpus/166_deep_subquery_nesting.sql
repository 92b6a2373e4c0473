-- deps: dsa.a, dsa.b, dsa.c
-- columns: id
SELECT id FROM (SELECT id FROM (SELECT id FROM dsa.a WHERE id IN (SELECT id FROM dsa.b)) x1 WHERE EXISTS (SELECT 1 FROM dsa.c WHERE c.id = x1.id)) x2

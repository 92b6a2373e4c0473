-- deps: dsa.log_parent
-- columns: id, logged_at
SELECT p.id, p.logged_at FROM ONLY dsa.log_parent p
UNION ALL
SELECT id, logged_at FROM dsa.log_parent *

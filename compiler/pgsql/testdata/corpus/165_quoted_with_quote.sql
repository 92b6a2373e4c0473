-- deps: stg.a"b
-- columns: x"y
SELECT 1 AS "x""y" FROM stg."a""b"

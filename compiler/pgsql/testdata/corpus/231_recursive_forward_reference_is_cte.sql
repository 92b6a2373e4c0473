-- deps: dsa.borger
-- columns: borger_id, name
WITH RECURSIVE a AS (
    SELECT borger_id, name FROM borger
),
borger AS (
    SELECT borger_id, name FROM dsa.borger
)
SELECT borger_id, name FROM a

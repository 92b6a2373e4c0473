-- deps: borger, dsa.borger
-- columns: borger_id, name
WITH a AS (
    -- "borger" is defined later in this WITH; without RECURSIVE it is not visible here,
    -- so this reads the table public.borger
    SELECT borger_id, name FROM borger
),
borger AS (
    SELECT borger_id, name FROM dsa.borger
)
SELECT borger_id, name FROM a
UNION ALL
SELECT borger_id, name FROM borger

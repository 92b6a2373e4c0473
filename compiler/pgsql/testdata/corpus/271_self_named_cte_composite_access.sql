-- deps: borger
-- columns: borger_id, name
WITH borger AS (
    SELECT b FROM borger b
)
SELECT (b).borger_id, (b).name FROM borger

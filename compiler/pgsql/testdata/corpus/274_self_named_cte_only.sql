-- deps: dsa.log_parent
-- columns: id, msg
WITH log_parent AS (
    SELECT id, msg FROM ONLY dsa.log_parent
)
SELECT id, msg FROM log_parent

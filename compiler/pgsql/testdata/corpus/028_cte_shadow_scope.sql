-- deps: stg_borger, dsa.borger
-- columns: borger_id
SELECT borger_id
FROM (
    WITH stg_borger AS (SELECT borger_id FROM dsa.borger)
    SELECT borger_id FROM stg_borger
) x
WHERE borger_id IN (SELECT borger_id FROM stg_borger)

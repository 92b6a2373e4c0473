-- deps: dsa.borger
-- columns: borger_id
WITH ydre AS (
    WITH indre AS (SELECT borger_id FROM dsa.borger)
    SELECT borger_id FROM indre
)
SELECT borger_id FROM ydre

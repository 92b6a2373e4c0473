-- deps: dsa.borger, dsa.ky_sag, dsa.børnesager
-- columns: borger_id, name
SELECT borger_id, name
FROM dsa.borger
WHERE borger_id IN (
    SELECT borger_id FROM dsa.ky_sag
    UNION
    SELECT barn_id FROM dsa.børnesager WHERE foranstaltning <> 'Forebyggende'
)

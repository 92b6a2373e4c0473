-- deps: dsa.borger, dsa.doedsfald
-- columns: borger_id
SELECT borger_id FROM dsa.borger
EXCEPT
SELECT borger_id FROM dsa.doedsfald

-- deps: dsa.borger
-- columns: borger_id
SELECT borger_id FROM dsa.borger TABLESAMPLE SYSTEM (10)

-- deps: dsa.borger, dsa.udrejst
-- columns: borger_id
SELECT borger_id FROM dsa.borger WHERE borger_id = ANY (SELECT borger_id FROM dsa.udrejst)

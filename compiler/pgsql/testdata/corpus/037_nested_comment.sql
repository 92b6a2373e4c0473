-- deps: dsa.borger
-- columns: borger_id
/* ydre /* indre FROM dsa.x */ stadig kommentar FROM dsa.y */
SELECT borger_id FROM dsa.borger

-- deps: dsa.borger, dsa.ky_sag
-- columns: borger_id
SELECT borger_id FROM dsa.borger
INTERSECT
SELECT borger_id FROM dsa.ky_sag

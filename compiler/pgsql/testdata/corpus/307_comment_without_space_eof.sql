-- deps: dsa.borger
-- columns: borger_id
SELECT borger_id
FROM dsa.borger--JOIN fake_table ON true
--FROM x

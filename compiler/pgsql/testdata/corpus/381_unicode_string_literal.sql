-- deps: dsa.borger
-- columns: borger_id
SELECT borger_id
FROM dsa.borger
WHERE name <> U&'!00C6ble FROM fake' UESCAPE '!'
  AND name <> U&'\00D8'

-- deps: dsa.borger, dsa.ky_sag, dsa.børnesager
-- columns: borger_id, har_boern
SELECT b.borger_id,
       EXISTS (SELECT 1 FROM dsa.børnesager bs WHERE bs.barn_id = b.borger_id) AS har_boern
FROM dsa.borger b
WHERE EXISTS (SELECT FROM dsa.ky_sag s WHERE s.borger_id = b.borger_id AND s.aktiv)
  AND NOT EXISTS (
        SELECT 1 FROM dsa.ky_sag s2
        WHERE s2.borger_id = b.borger_id AND s2.status = 'Afbrudt')

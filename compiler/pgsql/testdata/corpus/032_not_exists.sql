-- deps: dsa.borger, dsa.fsiii_indsats
-- columns: borger_id, exists
SELECT b.borger_id, EXISTS (SELECT 1 FROM dsa.fsiii_indsats i WHERE i.borger_id = b.borger_id)
FROM dsa.borger b
WHERE NOT EXISTS (SELECT 1 FROM dsa.fsiii_indsats i WHERE i.borger_id = b.borger_id AND i.aktiv)

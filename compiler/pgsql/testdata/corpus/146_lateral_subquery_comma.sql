-- deps: dsa.borger, dsa.fsiii_indsats
-- columns: borger_id, antal
SELECT b.borger_id, x.antal
FROM dsa.borger b,
     LATERAL (SELECT count(*) AS antal FROM dsa.fsiii_indsats i WHERE i.borger_id = b.borger_id) x

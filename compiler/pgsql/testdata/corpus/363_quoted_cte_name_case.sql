-- deps: sager, dsa.ky_sag
-- columns: sag_id
WITH "Sager" AS (SELECT sag_id FROM dsa.ky_sag)
-- "Sager" (quoted, capital S) is not the same name as sager: the second is the table
SELECT sag_id FROM "Sager"
UNION
SELECT sag_id FROM sager

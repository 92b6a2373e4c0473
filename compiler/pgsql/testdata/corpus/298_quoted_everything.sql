-- deps: dsa.ky_sag, Rå.Borger Data
-- columns: Sag, Navn
SELECT "s"."sag_id" AS "Sag", "Rå"."Borger Data"."Navn"
FROM "dsa"."ky_sag" AS "s"
JOIN "Rå"."Borger Data" ON "Rå"."Borger Data"."id" = "s"."borger_id"

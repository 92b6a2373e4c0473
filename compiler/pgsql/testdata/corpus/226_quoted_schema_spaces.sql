-- deps: Rå.Borger Data, DM.FactSager
-- columns: Navn, Født, Total Beløb
SELECT b."Navn",
       b."Født",
       sum(f."Beløb") AS "Total Beløb"
FROM "Rå"."Borger Data" AS b
JOIN "DM"."FactSager" f ON f."SagId" = b.id
GROUP BY b."Navn", b."Født"

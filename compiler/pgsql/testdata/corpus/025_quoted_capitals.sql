-- deps: dm.Fact_Sager
-- columns: Sag ID, Antal
SELECT "SagId" AS "Sag ID", count(*) AS "Antal"
FROM "dm"."Fact_Sager"
GROUP BY "SagId"

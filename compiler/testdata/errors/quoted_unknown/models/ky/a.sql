SELECT 1 AS x FROM "Stg"."Fact"

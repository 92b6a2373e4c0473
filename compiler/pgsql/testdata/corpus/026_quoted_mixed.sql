-- deps: Staging.KY Sag
-- columns: id
SELECT s.id FROM "Staging"."KY Sag" AS s

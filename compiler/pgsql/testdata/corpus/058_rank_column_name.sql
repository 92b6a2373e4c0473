-- deps: stg.placering
-- columns: rank, key, borger_id
SELECT rank, key, borger_id FROM stg.placering

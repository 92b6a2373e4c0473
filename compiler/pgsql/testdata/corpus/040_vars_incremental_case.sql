-- deps: stg.stg_borger
-- columns: borger_id, fuld
SELECT borger_id, CASE WHEN ${is_incremental} THEN 'inkrementel' ELSE 'fuld' END AS fuld
FROM stg.stg_borger

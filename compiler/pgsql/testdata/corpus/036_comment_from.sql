-- deps: stg.stg_borger
-- columns: borger_id
-- tidligere: SELECT * FROM dsa.borger_gammel
SELECT borger_id /* FROM dsa.slettet */ FROM stg.stg_borger --FROM dsa.andet

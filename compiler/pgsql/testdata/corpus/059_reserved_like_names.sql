-- deps: stg.kalender
-- columns: year, month, date, type, value, name
SELECT year, month, date, type, value, name FROM stg.kalender

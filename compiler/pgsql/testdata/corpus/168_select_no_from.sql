-- deps:
-- columns: now, current_timestamp
SELECT now(), current_timestamp

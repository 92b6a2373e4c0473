-- deps:
-- columns: ?column?, ?column?, bool, date, interval, ?column?
SELECT 1, 'tekst', true, DATE '2024-01-01', interval '1 day', NULL

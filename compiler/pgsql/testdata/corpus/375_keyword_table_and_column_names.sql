-- deps: ref.location, period
-- columns: date, time, timestamp, value, type, position, year, name
SELECT l.date, l.time, l.timestamp, l.value, l.type, l.position, l.year, p.name
FROM ref.location l
JOIN period p ON l.date >= p.fra AND l.date < p.til

-- deps: raw.load, dual
-- columns: key, index, release, div, mod, rank, usage, change, lines
SELECT l.key, l.index, l.release, l.div, l.mod, l.rank, l.usage, l.change, l.lines
FROM raw.load l
CROSS JOIN dual
WHERE l.status = 'ok'

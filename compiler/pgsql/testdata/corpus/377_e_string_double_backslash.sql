-- deps: dsa.events
-- columns: a, b, source
SELECT E'\\' AS a, E'\'' AS b, source
FROM dsa.events
WHERE source <> E'\\FROM fake\\'

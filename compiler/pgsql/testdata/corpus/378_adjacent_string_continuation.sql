-- deps: dsa.events
-- columns: msg, kind
SELECT 'SELECT * '
       'FROM fake_continued' AS msg,
       kind
FROM dsa.events

-- deps: dsa.log
-- columns: ?column?
SELECT $tekst$ it's FROM x JOIN y $tekst$ FROM dsa.log

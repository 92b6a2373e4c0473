-- deps: dsa.flag
-- columns: tekst
SELECT U&'d\0061t\+000061' AS tekst FROM dsa.flag

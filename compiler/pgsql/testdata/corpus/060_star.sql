-- deps: dsa.borger
SELECT * FROM dsa.borger

-- deps: dsa.log
-- columns: tekst
SELECT tekst FROM dsa.log WHERE tekst <> E'it\'s FROM x'

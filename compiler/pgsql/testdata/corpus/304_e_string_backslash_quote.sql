-- deps: dm.dim_kommune
-- columns: tekst, kommune_navn
SELECT E'line one\nFROM e_fake \'still\' inside' AS tekst,
       kommune_navn
FROM dm.dim_kommune
WHERE kommune_navn NOT LIKE E'%\\%' ESCAPE '!'

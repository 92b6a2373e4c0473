-- deps: dsa.ky_ydelse
-- columns: beloeb, dato, tekst, n, d2, ts
SELECT beloeb::numeric(12,2) AS beloeb,
       CAST(dato AS date) AS dato,
       CAST(beskrivelse AS varchar(200)) AS tekst,
       antal::integer AS n,
       dato::timestamp without time zone::date AS d2,
       registreret::timestamp with time zone AS ts
FROM dsa.ky_ydelse

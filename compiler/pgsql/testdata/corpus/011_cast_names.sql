-- deps: dsa.ky_ydelse
-- columns: beloeb, int4, text, dato, numeric
SELECT beloeb::double precision, '1'::int, 42::text, CAST(dato AS timestamp), CAST('1.5' AS numeric(10,2))
FROM dsa.ky_ydelse

-- deps: dsa.ky_ydelse
-- columns: total, n, dato
SELECT sum(beloeb) total, count(*) n, max(dato)::date dato FROM dsa.ky_ydelse

-- deps: dsa.ky_ydelse, dm.dim_ydelse
-- columns: id$, b$x$, navn
SELECT y.ydelse_id AS id$, y.beloeb AS b$x$, d.name AS navn
FROM dsa.ky_ydelse y
JOIN dm.dim_ydelse d ON d.ydelse = y.type

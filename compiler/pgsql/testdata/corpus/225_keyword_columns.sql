-- deps: dsa.ky_ydelse, dm.dim_ydelse, dm.dim_tid
-- columns: order, year, month, value, name, type
SELECT y."order",
       t.year,
       t.month,
       y.beloeb AS value,
       d.name,
       d.type
FROM dsa.ky_ydelse y
JOIN dm.dim_ydelse d ON d.ydelse = y.type
JOIN dm.dim_tid t ON t.dato = y.udbetalt
ORDER BY y."order" NULLS FIRST, t.year DESC, t.month

-- deps: dsa.ky_ydelse
-- columns: aar, maaned, kvartal, epoch
SELECT EXTRACT(YEAR FROM udbetalt) AS aar,
       EXTRACT(MONTH FROM udbetalt) AS maaned,
       extract(quarter from udbetalt) AS kvartal,
       extract(epoch from udbetalt::timestamp - timestamp '2000-01-01') AS epoch
FROM dsa.ky_ydelse

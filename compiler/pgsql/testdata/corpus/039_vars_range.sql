-- deps: stg.stg_ky_ydelse
-- columns: sag_id, maaned, beloeb
SELECT sag_id, date_trunc('month', dato)::date AS maaned, sum(beloeb) AS beloeb
FROM stg.stg_ky_ydelse
WHERE dato >= ${range_start}::date
GROUP BY 1, 2

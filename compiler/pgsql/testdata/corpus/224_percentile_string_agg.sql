-- deps: dsa.ky_ydelse, dm.dim_ydelse
-- columns: type, median, p90, ydelser, sager, modus
SELECT d.type,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY y.beloeb)  AS median,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY y.beloeb DESC) AS p90,
       string_agg(DISTINCT d.name, ', ' ORDER BY d.name)      AS ydelser,
       array_agg(DISTINCT y.sag_id)                           AS sager,
       mode() WITHIN GROUP (ORDER BY y.udbetalt)              AS modus
FROM dsa.ky_ydelse y
JOIN dm.dim_ydelse d ON d.ydelse = y.type
GROUP BY d.type

-- deps: dsa.ky_sag, dsa.ky_ydelse
-- columns: sag_id, maaned, antal
WITH sager AS (
    SELECT sag_id, borger_id FROM dsa.ky_sag WHERE status <> 'Annulleret'
), ydelser AS (
    SELECT y.sag_id, date_trunc('month', y.dato)::date AS maaned
    FROM dsa.ky_ydelse y
    JOIN sager s ON s.sag_id = y.sag_id
)
SELECT sag_id, maaned, count(*) AS antal
FROM ydelser
GROUP BY sag_id, maaned

-- deps: dsa.ky_sag
-- columns: sag_id, dage, uger
SELECT sag_id, (coalesce(slutdato, current_date) - startdato) AS dage,
       ((coalesce(slutdato, current_date) - startdato) / 7)::int AS uger
FROM dsa.ky_sag

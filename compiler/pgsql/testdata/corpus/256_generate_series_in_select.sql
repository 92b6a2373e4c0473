-- deps: dsa.ky_sag
-- columns: sag_id, maaned
SELECT sag_id,
       generate_series(date_trunc('month', startdato),
                       date_trunc('month', coalesce(slutdato, ${data_tom}::date)),
                       '1 month'::interval)::date AS maaned
FROM dsa.ky_sag

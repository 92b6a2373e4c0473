-- deps: stg.stg_ky_ydelse
-- columns: sag_id, periode_start, periode_slut
WITH x AS (
    SELECT sag_id, maaned,
           maaned - (row_number() OVER (PARTITION BY sag_id ORDER BY maaned) * interval '1 month') AS grp
    FROM (SELECT DISTINCT sag_id, date_trunc('month', dato) AS maaned FROM stg.stg_ky_ydelse) d
)
SELECT sag_id, min(maaned) AS periode_start, max(maaned) AS periode_slut
FROM x
GROUP BY sag_id, grp

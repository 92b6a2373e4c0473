-- deps: stg.stg_ky_sag_status
-- columns: sag_id, foerste_status, seneste_status
SELECT DISTINCT sag_id,
       first_value(status) OVER w AS foerste_status,
       last_value(status) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS seneste_status
FROM stg.stg_ky_sag_status
WINDOW w AS (PARTITION BY sag_id ORDER BY gyldig_fra)

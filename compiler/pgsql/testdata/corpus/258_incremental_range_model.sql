-- deps: dsa.ky_sag, dm.fact_ky_sager
-- columns: sag_id, maaned, kommune_kode, status
SELECT s.sag_id,
       m::date AS maaned,
       s.kommune_kode,
       s.status
FROM dsa.ky_sag s
CROSS JOIN LATERAL generate_series(
        greatest(date_trunc('month', s.startdato), ${range_start}::date),
        least(date_trunc('month', coalesce(s.slutdato, 'infinity')), ${data_tom}::date),
        interval '1 month') AS m
WHERE CASE WHEN ${is_incremental}
           THEN s.sag_id NOT IN (SELECT sag_id FROM dm.fact_ky_sager WHERE maaned < ${range_start}::date)
           ELSE true END

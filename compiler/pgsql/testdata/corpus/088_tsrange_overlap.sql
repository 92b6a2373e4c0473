-- deps: stg.stg_ky_sag
-- columns: sag_id
SELECT a.sag_id FROM stg.stg_ky_sag a
WHERE tstzrange(a.start_ts, a.slut_ts) && tstzrange(${range_start}::timestamptz, now())

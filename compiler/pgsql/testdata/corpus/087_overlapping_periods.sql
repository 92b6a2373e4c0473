-- deps: stg.stg_ky_sag
-- columns: sag_a, sag_b
SELECT a.sag_id AS sag_a, b.sag_id AS sag_b
FROM stg.stg_ky_sag a
JOIN stg.stg_ky_sag b ON a.borger_id = b.borger_id AND a.sag_id < b.sag_id
WHERE (a.startdato, coalesce(a.slutdato, 'infinity')) OVERLAPS (b.startdato, coalesce(b.slutdato, 'infinity'))

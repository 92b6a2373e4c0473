-- deps: dsa.ky_ydelse
-- columns: ydelse_id, sag_id, beloeb, udbetalt, maaned, aar, flag, kr, stamp, tekst, fra
SELECT int4(ydelse_id)                         AS ydelse_id,
       sag_id::bigint                          AS sag_id,
       CAST(beloeb AS double precision)        AS beloeb,
       udbetalt::timestamp(0) without time zone AS udbetalt,
       date_trunc('month', udbetalt)::date     AS maaned,
       extract(year FROM udbetalt)::int        AS aar,
       (beloeb > 0)::int::boolean              AS flag,
       beloeb::numeric(12, 2)::text || ' kr.'  AS kr,
       timestamptz '2024-01-01 00:00:00+01'    AS stamp,
       text(ydelse_id) || varchar 'x'          AS tekst,
       date '2024-01-01'                       AS fra
FROM dsa.ky_ydelse
WHERE udbetalt >= '2024-01-01'::date
  AND udbetalt < DATE '2025-01-01'
  AND type = ANY ('{A,B,C}'::text[])

-- The sag table with its month of creation; comments mentioning FROM fake_table are ignored.
SELECT s.sag_id,
       s.kommune_kode::smallint AS kommune_kode,
       date_trunc('month', s.oprettet_dato)::date AS maaned
FROM "dsa"."ky_sag" AS s
WHERE s.oprettet_dato <= '2024-03-31'::date

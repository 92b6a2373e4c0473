SELECT k.kommune_kode, $$ FROM not_a_table $$ AS txt, E'it''s' AS e
FROM "dm_ci"."dim_kommune" k
WHERE EXISTS (SELECT 1 FROM "dm_ci"."fact_sager" f WHERE f.sag_id IS NOT DISTINCT FROM k.kommune_navn)

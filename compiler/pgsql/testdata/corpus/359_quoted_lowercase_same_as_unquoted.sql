-- deps: dm.fact_ky_sager, Postnumre
-- columns: sag_id, by
SELECT f.sag_id, p."by"
FROM "dm"."fact_ky_sager" f
CROSS JOIN "Postnumre" p
WHERE p.postnr = 8000

-- deps: dm.dim_kommune
-- columns: besked, kommune_navn
SELECT 'data FROM fake_table JOIN other ON x' AS besked,
       kommune_navn
FROM dm.dim_kommune
WHERE kommune_navn <> 'it''s FROM quoted_fake'

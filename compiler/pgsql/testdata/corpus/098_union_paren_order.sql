-- deps: stg.a_tabel, stg.b_tabel
-- columns: id
(SELECT id FROM stg.a_tabel ORDER BY id LIMIT 5)
UNION ALL
(SELECT id FROM stg.b_tabel ORDER BY id DESC LIMIT 5)

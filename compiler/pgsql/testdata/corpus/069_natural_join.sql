-- deps: stg.a_tabel, stg.b_tabel
-- columns: id
SELECT id FROM stg.a_tabel NATURAL JOIN stg.b_tabel

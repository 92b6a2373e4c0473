-- deps: dsa.parent_tabel
-- columns: id
SELECT id FROM ONLY dsa.parent_tabel

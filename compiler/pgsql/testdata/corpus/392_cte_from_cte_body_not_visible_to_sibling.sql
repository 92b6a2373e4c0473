-- deps: dsa.ky_sag, ky_sag
-- columns: sag_id
WITH a AS (
    WITH ky_sag AS (SELECT sag_id FROM dsa.ky_sag WHERE aktiv)
    SELECT sag_id FROM ky_sag
),
b AS (
    SELECT sag_id FROM ky_sag   -- the table: a's inner WITH does not leak out
)
SELECT sag_id FROM a INTERSECT SELECT sag_id FROM b

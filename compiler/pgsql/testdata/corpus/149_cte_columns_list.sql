-- deps: dsa.ky_sag
-- columns: id, n
WITH t(id, n) AS (SELECT sag_id, count(*) FROM dsa.ky_sag GROUP BY sag_id)
SELECT id, n FROM t

-- deps: dsa.ky_haendelse
-- columns: haendelse_id, key, value
SELECT h.haendelse_id, kv.key, kv.value
FROM dsa.ky_haendelse h
CROSS JOIN LATERAL jsonb_each_text(h.payload) AS kv

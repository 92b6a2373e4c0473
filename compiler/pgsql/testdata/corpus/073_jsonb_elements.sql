-- deps: dsa.ky_haendelse
-- columns: haendelse_id, linje
SELECT h.haendelse_id, e.value ->> 'linje' AS linje
FROM dsa.ky_haendelse h, jsonb_array_elements(h.payload -> 'linjer') e

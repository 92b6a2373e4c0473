-- deps: dsa.ky_haendelse
-- columns: haendelse_id, status
SELECT haendelse_id, payload #> '{data,status}' AS status
FROM dsa.ky_haendelse
WHERE payload ?| array['data', 'meta'] AND NOT payload ?& array['slettet']

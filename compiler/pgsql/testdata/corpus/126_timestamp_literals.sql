-- deps: dsa.ky_haendelse
-- columns: haendelse_id
SELECT haendelse_id FROM dsa.ky_haendelse
WHERE tidspunkt >= TIMESTAMP '2024-01-01 00:00:00'
  AND tidspunkt < timestamp with time zone '2025-01-01 00:00:00+01'
  AND dato <> date 'infinity'

-- deps: dsa.ky_haendelse
-- columns: haendelse_id, type, beloeb
SELECT haendelse_id,
       payload ->> 'type' AS type,
       (payload -> 'data' ->> 'beloeb')::numeric AS beloeb
FROM dsa.ky_haendelse
WHERE payload @> '{"kilde": "KY"}'::jsonb
  AND payload ? 'data'
  AND payload #>> '{data,status}' IS NOT NULL

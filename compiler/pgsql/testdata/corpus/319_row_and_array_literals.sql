-- deps: dsa.ky_sag
-- columns: sag_id, row, array, t
SELECT sag_id,
       ROW(sag_id, status),
       ARRAY[sag_id, kommune_kode],
       '{"a","b"}'::text[] || tags AS t
FROM dsa.ky_sag
WHERE tags && ARRAY['prioritet']::text[]
  AND 'x' = ANY (tags)
  AND tags @> '{haster}'
  AND array_length(tags, 1) > 0

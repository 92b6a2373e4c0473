-- deps: dsa.ky_sag
-- columns: sag_id, tag, position
SELECT s.sag_id, t.tag, t.position
FROM dsa.ky_sag s,
     unnest(s.tags) WITH ORDINALITY AS t(tag, position)
WHERE t.tag <> ''

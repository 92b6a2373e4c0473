-- deps: dsa.ky_sag, dm.dim_kommune
-- columns: ?column?, ?column?, ?column?, case, exists, array, row, tags, max, array, timezone, status, ?column?, payload, ?column?, grouping
SELECT s.kommune_kode + 1,
       NOT s.aktiv,
       s.slutdato IS NULL,
       CASE WHEN s.aktiv THEN 1 END,
       EXISTS (SELECT 1 FROM dm.dim_kommune k WHERE k.kommune_kode = s.kommune_kode),
       ARRAY[s.sag_id],
       ROW(s.sag_id, s.status),
       s.tags[1],
       (SELECT max(indbyggere) FROM dm.dim_kommune),
       ARRAY(SELECT kommune_navn FROM dm.dim_kommune),
       s.oprettet AT TIME ZONE 'UTC',
       s.status COLLATE "C",
       s.payload ->> 'k',
       (s.payload),
       s.sag_id IN (1, 2),
       GROUPING(s.sag_id)
FROM dsa.ky_sag s
GROUP BY s.kommune_kode, s.aktiv, s.slutdato, s.sag_id, s.status, s.tags, s.oprettet, s.payload

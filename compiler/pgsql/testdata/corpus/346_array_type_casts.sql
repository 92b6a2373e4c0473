-- deps: dsa.ky_sag
-- columns: tags, koder, navn, bits
SELECT CAST(tags AS varchar(20)[]) AS tags,
       ARRAY[kommune_kode]::int[] AS koder,
       status::character varying(40) AS navn,
       B'1010'::bit(4) AS bits
FROM dsa.ky_sag
WHERE tags <> '{}'::text[]

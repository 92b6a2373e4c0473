-- deps: stg.stg_ky_sag
-- columns: kommune_kode, aabne, lukkede, i_alt
SELECT kommune_kode,
       count(*) FILTER (WHERE status = 'Åben') AS aabne,
       count(*) FILTER (WHERE status IN ('Afbrudt', 'Gennemført')) AS lukkede,
       count(*) AS i_alt
FROM stg.stg_ky_sag
GROUP BY kommune_kode

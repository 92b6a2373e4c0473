-- deps: dsa.ky_sag
-- columns: kommune_kode, aabne, lukkede, i_alt, andel_aabne
SELECT kommune_kode,
       count(*) FILTER (WHERE status = 'Åben')                      AS aabne,
       count(*) FILTER (WHERE status IN ('Afbrudt', 'Gennemført'))  AS lukkede,
       count(*)                                                      AS i_alt,
       round(100.0 * count(*) FILTER (WHERE status = 'Åben') / nullif(count(*), 0), 1) AS andel_aabne
FROM dsa.ky_sag
WHERE startdato <= ${data_tom}::date
GROUP BY kommune_kode
HAVING count(*) > 10

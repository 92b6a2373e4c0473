-- deps: dsa.adresse
-- columns: vejnavn, husnr, postnr
SELECT split_part(adresse, ',', 1) AS vejnavn,
       (regexp_match(adresse, '(\d+)[A-Z]?'))[1] AS husnr,
       regexp_replace(postdistrikt, '\D', '', 'g') AS postnr
FROM dsa.adresse

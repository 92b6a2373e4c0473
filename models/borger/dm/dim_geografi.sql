-- One row per address. LIFA may give an address several school districts; the address gets
-- the one covering the most grades (slut - start + 1), ties to the lowest skoledistrikt_kode
-- (SPEC §4 Decision), so addresses never repeat. "Lowest" is numeric for numeric codes (LIFA's
-- codes are digits; '9' < '10'), then byte order, so no collation or row order decides.
WITH distrikt AS (
    SELECT DISTINCT ON (adresse_id)
        adresse_id,
        skoledistrikt_kode,
        skole_navn,
        start_klassetrin,
        slut_klassetrin
    FROM dsa.lifa_skoledistrikt
    ORDER BY
        adresse_id,
        slut_klassetrin - start_klassetrin + 1 DESC NULLS LAST,
        CASE WHEN skoledistrikt_kode ~ '^[0-9]{1,18}$' THEN skoledistrikt_kode::bigint END NULLS LAST,
        skoledistrikt_kode COLLATE "C"
)

SELECT
    a.adresse_id,
    a.kommune_kode,
    a.vejnavn,
    a.husnr,
    a.postnr,
    d.skoledistrikt_kode,
    d.skole_navn,
    d.start_klassetrin,
    d.slut_klassetrin
FROM dsa.adresse AS a
LEFT JOIN distrikt AS d ON d.adresse_id = a.adresse_id

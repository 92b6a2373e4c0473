-- DREAM weeks up to data_tom with the ydelsesgruppe and the person's previous and next
-- bopælskommune. Previous/next are the person's neighbouring rows in dsa.dream_uge whether or
-- not those weeks had a ydelse; weeks after data_tom have not happened and are no neighbours.
SELECT
    u.borger_id,
    u.uge_start,
    u.ydelse_kode,
    g.ydelsesgruppe,
    g.er_udvalgt,
    u.bopaelskommune_kode,
    u.arbejdsstedskommune_kode,
    u.beskaeftigelsesgrad,
    lag(u.bopaelskommune_kode) OVER w   AS forrige_bopaelskommune_kode,
    lead(u.bopaelskommune_kode) OVER w  AS naeste_bopaelskommune_kode
FROM dsa.dream_uge AS u
LEFT JOIN dsa.dream_ydelsesgruppe AS g ON g.ydelse_kode = u.ydelse_kode
WHERE u.uge_start <= ${data_tom}::date
WINDOW w AS (PARTITION BY u.borger_id ORDER BY u.uge_start)

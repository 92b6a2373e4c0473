-- fact_dream for the DREAM Benchmark cube: pmakoer_id instead of borger_id, plus the four
-- benchmark measures' flags. All four are false, never NULL, when there is no previous/next
-- row or no arbejdssted. Never exported in a datapakke.
SELECT
    encode(hmac(f.borger_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id,
    f.uge_start,
    f.ydelse_kode,
    f.ydelsesgruppe,
    f.er_udvalgt,
    f.ydelse_kode_52_uger_efter,
    f.ydelsesgruppe_52_uger_efter,
    f.status_52_uger_efter,
    f.bopaelskommune_kode,
    f.arbejdsstedskommune_kode,
    f.beskaeftigelsesgrad,
    coalesce(u.forrige_bopaelskommune_kode <> f.bopaelskommune_kode, false)   AS er_tilflytter,
    coalesce(u.naeste_bopaelskommune_kode <> f.bopaelskommune_kode, false)    AS er_fraflytter,
    coalesce(f.arbejdsstedskommune_kode <> f.bopaelskommune_kode, false)      AS er_pendler_uden_for_kommunen,
    coalesce(arb.region_kode <> bop.region_kode, false)                       AS er_pendler_uden_for_regionen
FROM fact_dream AS f
JOIN stg_dream_uge AS u ON u.borger_id = f.borger_id AND u.uge_start = f.uge_start
LEFT JOIN dim_kommune AS bop ON bop.kommune_kode = f.bopaelskommune_kode
LEFT JOIN dim_kommune AS arb ON arb.kommune_kode = f.arbejdsstedskommune_kode

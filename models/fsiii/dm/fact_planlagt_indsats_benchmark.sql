-- fact_planlagt_indsats for the benchmark cube: pmakoer_id instead of borger_id, aldersgruppe
-- instead of alder, no record ids.
SELECT
    encode(hmac(i.borger_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id,
    i.maaned,
    i.kommune_kode,
    i.indsats_kode,
    i.start_dato,
    i.slut_dato,
    i.loebetid_maaneder,
    i.er_aktiv_ved_maanedsslut,
    g.aldersgruppe
FROM fact_planlagt_indsats AS i
LEFT JOIN dim_aldersgruppe AS g
    ON i.alder BETWEEN g.fra_alder AND coalesce(g.til_alder, 32767)
WHERE i.maaned >= ${range_start}::date

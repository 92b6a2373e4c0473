-- fact_leveret_indsats for the benchmark cube: pmakoer_id instead of borger_id, aldersgruppe
-- instead of alder, no record ids.
SELECT
    encode(hmac(l.borger_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id,
    l.kommune_kode,
    l.indsats_kode,
    l.leveret_tid,
    l.leveret_dato,
    g.aldersgruppe
FROM fact_leveret_indsats AS l
LEFT JOIN dim_aldersgruppe AS g
    ON l.alder BETWEEN g.fra_alder AND coalesce(g.til_alder, 32767)

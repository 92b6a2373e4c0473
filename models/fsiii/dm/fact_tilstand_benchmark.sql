-- fact_tilstand for the benchmark cube: no borger_id, no record ids and no exact age; the
-- citizen is the keyed hash pmakoer_id and the age is an aldersgruppe.
SELECT
    encode(hmac(t.borger_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id,
    t.kommune_kode,
    t.tilstand_kode,
    t.svaerhedsgrad,
    t.vurdering_udfoerelse,
    t.vurdering_betydning,
    t.start_dato,
    t.slut_dato,
    t.opfoelgning_dato,
    g.aldersgruppe
FROM fact_tilstand AS t
LEFT JOIN dim_aldersgruppe AS g
    ON t.alder BETWEEN g.fra_alder AND coalesce(g.til_alder, 32767)

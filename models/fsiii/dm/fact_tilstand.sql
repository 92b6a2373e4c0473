-- One row per tilstand (latest valid version) that has started by data_tom, with the
-- citizen's age in whole years at start_dato (age() semantics: a 29 February birthday
-- advances on 1 March in other years). An end after data_tom is not known yet.
SELECT
    t.tilstand_id,
    t.borger_id,
    t.kommune_kode,
    t.tilstand_kode,
    t.svaerhedsgrad,
    t.vurdering_udfoerelse,
    t.vurdering_betydning,
    t.start_dato,
    CASE WHEN t.slut_dato <= ${data_tom}::date THEN t.slut_dato END     AS slut_dato,
    t.opfoelgning_dato,
    t.version_tid,
    t.status,
    extract(year FROM age(t.start_dato, p.foedselsdato))::smallint     AS alder
FROM stg_fsiii_tilstand AS t
LEFT JOIN dsa.cpr_person AS p ON p.borger_id = t.borger_id
WHERE t.start_dato <= ${data_tom}::date

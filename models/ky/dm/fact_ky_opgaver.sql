-- Opgaver rolled out per month from the month of oprettet_dato through the month of
-- afsluttet_dato, or data_tom while open. An afsluttet_dato after data_tom has not happened.
WITH opgave AS (
    SELECT
        o.opgave_id,
        o.sag_id,
        o.kommune_kode,
        o.oprettet_dato,
        o.opgavetilstand,
        CASE WHEN o.afsluttet_dato <= ${data_tom}::date THEN o.afsluttet_dato END AS afsluttet_dato
    FROM dsa.ky_opgave AS o
    WHERE o.oprettet_dato <= ${data_tom}::date
)

SELECT
    o.opgave_id,
    m.maaned,
    o.sag_id,
    o.kommune_kode,
    o.opgavetilstand,
    least(o.afsluttet_dato, m.sidste_dag_i_maaned) - o.oprettet_dato           AS opgavetid_dage,
    coalesce(o.afsluttet_dato > m.sidste_dag_i_maaned, true)                   AS er_aaben_ved_maanedsslut,
    date_trunc('month', o.oprettet_dato)::date = m.maaned                      AS er_oprettet,
    coalesce(date_trunc('month', o.afsluttet_dato)::date = m.maaned, false)    AS er_afsluttet,
    s.kle_nummer,
    s.ydelsesart
FROM opgave AS o
JOIN stg_maaned AS m
    ON  m.maaned >= date_trunc('month', o.oprettet_dato)::date
    AND m.maaned <= coalesce(o.afsluttet_dato, ${data_tom}::date)
LEFT JOIN stg_ky_sag_datoer AS s ON s.sag_id = o.sag_id
WHERE m.maaned >= ${range_start}::date

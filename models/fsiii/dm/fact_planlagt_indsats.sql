-- Planlagte indsatser rolled out per month from the start month through the end month, or
-- the month of data_tom while open; loebetid_maaneder is 1 in the start month. Incremental by
-- range: only months from ${range_start} are computed.
WITH indsats AS (
    SELECT
        i.indsats_id,
        i.borger_id,
        i.kommune_kode,
        i.indsats_kode,
        i.tilstand_id,
        i.start_dato,
        CASE WHEN i.slut_dato <= ${data_tom}::date THEN i.slut_dato END       AS slut_dato,
        date_trunc('month', i.start_dato)::date                             AS start_maaned,
        extract(year FROM age(i.start_dato, p.foedselsdato))::smallint     AS alder
    FROM stg_fsiii_planlagt_indsats AS i
    LEFT JOIN dsa.cpr_person AS p ON p.borger_id = i.borger_id
    WHERE i.start_dato <= ${data_tom}::date
)

SELECT
    i.indsats_id,
    m.maaned,
    i.borger_id,
    i.kommune_kode,
    i.indsats_kode,
    i.tilstand_id,
    i.start_dato,
    -- The end as known at the month's end: each month's row is a snapshot, so a later month
    -- never changes an earlier row and an incremental run equals a full refresh.
    CASE WHEN i.slut_dato <= m.sidste_dag_i_maaned THEN i.slut_dato END AS slut_dato,
    i.alder,
    ((extract(year FROM m.maaned) - extract(year FROM i.start_maaned)) * 12
      + extract(month FROM m.maaned) - extract(month FROM i.start_maaned) + 1)::integer
                                                                        AS loebetid_maaneder,
    -- Half-open: in force on the month's last day d when start_dato <= d < slut_dato, so a
    -- zero-length indsats has its month row (the event) but is never in force.
    i.start_dato <= m.sidste_dag_i_maaned
      AND coalesce(m.sidste_dag_i_maaned < i.slut_dato, true)         AS er_aktiv_ved_maanedsslut,
    m.maaned = i.start_maaned                                           AS er_startet,
    coalesce(date_trunc('month', i.slut_dato)::date = m.maaned, false) AS er_afsluttet
FROM indsats AS i
JOIN stg_maaned AS m
    ON  m.maaned >= i.start_maaned
    AND m.maaned <= coalesce(i.slut_dato, ${data_tom}::date)
WHERE m.maaned >= ${range_start}::date

-- Sager rolled out per month: from the month of oprettet_dato through the month of the end
-- date, or through the month of data_tom while open. Incremental by range: only months from
-- ${range_start} are computed, and every value of a month depends only on that month.
WITH maaneder AS (
    SELECT
        s.*,
        m.maaned,
        m.sidste_dag_i_maaned,
        -- The day whose state the month reports: its last day, or the end date in the end month.
        least(s.slut_dato, m.sidste_dag_i_maaned) AS status_dato
    FROM stg_ky_sag_datoer AS s
    JOIN stg_maaned AS m
        ON  m.maaned >= date_trunc('month', s.oprettet_dato)::date
        AND m.maaned <= coalesce(s.slut_dato, ${data_tom}::date)
    WHERE m.maaned >= ${range_start}::date
),

-- The state in force on status_dato (half-open: fra_dato <= d < til_dato). A range join on
-- sag_id rather than a lateral lookup, so it stays a hash join at a million sager.
tilstand AS (
    SELECT DISTINCT ON (mm.sag_id, mm.maaned)
        mm.sag_id,
        mm.maaned,
        t.sagstilstand
    FROM maaneder AS mm
    JOIN stg_ky_sagstilstand AS t
        ON  t.sag_id = mm.sag_id
        AND t.fra_dato <= mm.status_dato
        AND (t.til_dato IS NULL OR mm.status_dato < t.til_dato)
    ORDER BY mm.sag_id, mm.maaned, t.fra_dato DESC, t.sortering DESC
)

SELECT
    mm.sag_id,
    mm.maaned,
    mm.kommune_kode,
    t.sagstilstand,
    -- Processing time is frozen at the decision; a sag that ends without one stops counting
    -- at its end date, so sagsbehandlingstid never exceeds the sag's duration.
    least(mm.sagsbehandling_slut_dato, mm.slut_dato, mm.sidste_dag_i_maaned)
        - mm.oprettet_dato                                                     AS sagsbehandlingstid_dage,
    least(mm.slut_dato, mm.sidste_dag_i_maaned) - mm.oprettet_dato             AS sag_varighed_dage,
    date_trunc('month', mm.oprettet_dato)::date = mm.maaned                    AS er_oprettet,
    coalesce(date_trunc('month', mm.sagsbehandling_slut_dato)::date = mm.maaned, false)
                                                                               AS er_sagsbehandling_afsluttet,
    coalesce(date_trunc('month', mm.slut_dato)::date = mm.maaned, false)       AS er_afsluttet,
    mm.ydelsesmodtager_id,
    mm.bevillingsmodtager_id,
    mm.kle_nummer,
    mm.ydelsesart,
    mm.sagsbehandler_id,
    mm.organisation_id
FROM maaneder AS mm
LEFT JOIN tilstand AS t ON t.sag_id = mm.sag_id AND t.maaned = mm.maaned

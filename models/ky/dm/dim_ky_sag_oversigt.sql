-- One row per sag and state period, as known at data_tom (DimKYSagOversigt).
SELECT
    sag_id,
    row_number() OVER (
        PARTITION BY sag_id
        ORDER BY fra_dato, til_dato NULLS LAST, sortering
    )                                       AS periode_nr,
    sagstilstand,
    fra_dato,
    til_dato,
    -- A zero-length period (fra = til) is an event on that day but never in force.
    coalesce(til_dato = fra_dato, false)    AS er_nullaengde,
    til_dato IS NULL                        AS er_aktuel
FROM stg_ky_sagstilstand

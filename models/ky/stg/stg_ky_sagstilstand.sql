-- Sagstilstande as of data_tom: a state that begins after data_tom has not happened, and an
-- end after data_tom is not known yet (the state is still in force). The seed
-- kode_ky_sagstilstand says which states end the processing and which end the case.
SELECT
    t.sag_id,
    t.sagstilstand,
    t.fra_dato,
    CASE WHEN t.til_dato <= ${data_tom}::date THEN t.til_dato END    AS til_dato,
    coalesce(k.sortering, 0)                                           AS sortering,
    coalesce(k.er_sagsbehandling_afsluttet, false)                     AS er_sagsbehandling_afsluttet,
    coalesce(k.er_sag_afsluttet, false)                                AS er_sag_afsluttet
FROM dsa.ky_sagstilstand AS t
LEFT JOIN kode_ky_sagstilstand AS k ON k.sagstilstand = t.sagstilstand
WHERE t.fra_dato <= ${data_tom}::date

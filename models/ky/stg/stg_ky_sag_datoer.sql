-- One row per sag created on or before data_tom, with the dates the KY rules turn on:
--   sagsbehandling_slut_dato: earliest Bevilget, Afslag or Henlagt (the decision date);
--   slut_dato:                earliest Afslag, Henlagt or Afsluttet (the end date);
--   sagstilstand_data_tom:    the state in force at data_tom.
-- Both dates come from stg_ky_sagstilstand, so events after data_tom do not count.
WITH datoer AS (
    SELECT
        sag_id,
        min(fra_dato) FILTER (WHERE er_sagsbehandling_afsluttet) AS sagsbehandling_slut_dato,
        min(fra_dato) FILTER (WHERE er_sag_afsluttet)            AS slut_dato
    FROM stg_ky_sagstilstand
    GROUP BY sag_id
),

-- Half-open validity: in force on data_tom means fra_dato <= data_tom < til_dato, and
-- stg_ky_sagstilstand has already turned every til_dato after data_tom into NULL. A
-- zero-length period has a til_dato and so is never picked.
aktuel AS (
    SELECT DISTINCT ON (sag_id)
        sag_id,
        sagstilstand
    FROM stg_ky_sagstilstand
    WHERE til_dato IS NULL
    ORDER BY sag_id, fra_dato DESC, sortering DESC
)

SELECT
    s.sag_id,
    s.kommune_kode,
    s.oprettet_dato,
    s.kle_nummer,
    s.ydelsesart,
    s.ydelsesmodtager_id,
    s.bevillingsmodtager_id,
    s.sagsbehandler_id,
    s.organisation_id,
    d.sagsbehandling_slut_dato,
    d.slut_dato,
    a.sagstilstand AS sagstilstand_data_tom
FROM dsa.ky_sag AS s
LEFT JOIN datoer AS d ON d.sag_id = s.sag_id
LEFT JOIN aktuel AS a ON a.sag_id = s.sag_id
WHERE s.oprettet_dato <= ${data_tom}::date

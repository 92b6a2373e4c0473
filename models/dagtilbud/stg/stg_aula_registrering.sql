-- Aula komme/gå registrations up to data_tom, mapped to FLIS registrering through the seed
-- kode_aula_status (3-8 Til stede, 0 and 2 Fraværende, 1 Syg; 8 ends the day's interval).
-- The child's barn_id comes through dsa.aula_barn, which links Aula to the placements.
SELECT
    r.barn_uuid,
    b.barn_id,
    r.institution_nr,
    r.kommune_kode,
    r.registrering_tid,
    r.registrering_tid::date            AS dato,
    r.status_kode,
    s.registrering,
    coalesce(s.afslutter_interval, false) AS afslutter_interval
FROM dsa.aula_komme_gaa AS r
LEFT JOIN dsa.aula_barn AS b ON b.barn_uuid = r.barn_uuid
LEFT JOIN kode_aula_status AS s ON s.status_kode = r.status_kode
WHERE r.registrering_tid < ${data_tom}::date + 1

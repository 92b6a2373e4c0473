-- DREAM per person and week with a ydelse, and what the person receives 52 weeks later
-- (uge_start + 364 days). A week is classified only when that day is at or before data_tom;
-- later weeks have NULL status, because their future has not happened yet.
SELECT
    u.borger_id,
    u.uge_start,
    u.ydelse_kode,
    u.ydelsesgruppe,
    u.er_udvalgt,
    s.ydelse_kode                                        AS ydelse_kode_52_uger_efter,
    s.ydelsesgruppe                                      AS ydelsesgruppe_52_uger_efter,
    CASE
        WHEN u.uge_start + 364 > ${data_tom}::date THEN NULL
        WHEN s.ydelse_kode IS NULL THEN 'Ikke længere ydelse'
        WHEN s.ydelsesgruppe = u.ydelsesgruppe THEN 'Fortsat samme ydelse'
        ELSE 'Anden ydelse'
    END                                                  AS status_52_uger_efter,
    u.bopaelskommune_kode,
    u.arbejdsstedskommune_kode,
    u.beskaeftigelsesgrad
FROM stg_dream_uge AS u
LEFT JOIN stg_dream_uge AS s
    ON  s.borger_id = u.borger_id
    AND s.uge_start = u.uge_start + 364
WHERE u.ydelse_kode IS NOT NULL

-- DREAM per person and week with a ydelse, and what the person receives 52 weeks later
-- (uge_start + 364 days). A week is classified only when that day is at or before data_tom;
-- later weeks have NULL status, because their future has not happened yet.
--
-- Incremental (delete+insert on borger_id, uge_start). When data_tom moves from D_old to
-- D_new, exactly two bands of weeks change:
--   B: the new weeks, uge_start in (D_old, D_new];
--   A: the weeks that become classified, uge_start + 364 in (D_old, D_new].
-- Every other week is untouched: it either was classified already (its week 52 weeks later
-- was at or before D_old and has not changed) or stays unclassified. The SQL cannot see
-- D_old, so both bands start at the first day of the month before data_tom's month (fra):
-- exact whenever the previous build's data_tom is on or after the day before fra, i.e. a
-- monthly load plus one month of late rows, as range's lookback 1. A larger jump leaves
-- weeks unclassified or missing; the tests fact_dream_klassificeret_kun_naar_52_uger_er_gaaet
-- and tests/fact_dream_har_alle_ydelsesuger.sql then fail: rebuild with --full-refresh.
-- A full build (${is_incremental} FALSE) takes every week.
--
-- Reads dsa.dream_uge directly: fact_dream needs no lag/lead, whose sort of all 20 million
-- rows only fact_dream_benchmark's flags pay for.
--
-- fra is written out as date_trunc('month', ${data_tom}::date - interval '1 month')::date
-- rather than kept in a CTE: as a constant expression PostgreSQL folds it, so a full build
-- (NOT FALSE OR ...) plans as if there were no filter at all.
WITH uge AS (
    SELECT
        u.borger_id,
        u.uge_start,
        u.ydelse_kode,
        g.ydelsesgruppe,
        g.er_udvalgt,
        u.bopaelskommune_kode,
        u.arbejdsstedskommune_kode,
        u.beskaeftigelsesgrad
    FROM dsa.dream_uge AS u
    LEFT JOIN dsa.dream_ydelsesgruppe AS g ON g.ydelse_kode = u.ydelse_kode
    WHERE u.ydelse_kode IS NOT NULL
      AND u.uge_start <= ${data_tom}::date
      AND (NOT ${is_incremental}
           -- band B: the new weeks
           OR u.uge_start >= date_trunc('month', ${data_tom}::date - interval '1 month')::date
           -- band A: the weeks that become classified
           OR u.uge_start + 364 BETWEEN date_trunc('month', ${data_tom}::date - interval '1 month')::date
                                    AND ${data_tom}::date)
),

-- The week 52 weeks later, for classified weeks only (those of band A in an incremental
-- build). A week without a ydelse reads the same as a missing week (NULL ydelse, 'Ikke
-- længere ydelse'), so only ydelse weeks are joined.
senere AS (
    SELECT s.borger_id, s.uge_start, s.ydelse_kode, g.ydelsesgruppe
    FROM dsa.dream_uge AS s
    LEFT JOIN dsa.dream_ydelsesgruppe AS g ON g.ydelse_kode = s.ydelse_kode
    WHERE s.ydelse_kode IS NOT NULL
      AND s.uge_start <= ${data_tom}::date
      AND (NOT ${is_incremental}
           OR s.uge_start >= date_trunc('month', ${data_tom}::date - interval '1 month')::date)
)

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
FROM uge AS u
LEFT JOIN senere AS s
    ON  s.borger_id = u.borger_id
    AND s.uge_start = u.uge_start + 364

-- DREAM per person and week with a ydelse, and what the person receives 52 weeks later
-- (uge_start + 364 days). A week is classified only when that day is at or before data_tom;
-- later weeks have NULL status, because their future has not happened yet.
--
-- Incremental (delete+insert on borger_id, uge_start). When data_tom moves from D_old to
-- D_new, exactly two bands of weeks change:
--   B: the new weeks, uge_start in (D_old, D_new];
--   A: the weeks that become classified, uge_start + 364 in (D_old, D_new].
-- Every other week is untouched: it either was classified already (its week 52 weeks later
-- was at or before D_old and has not changed) or stays unclassified. D_old is
-- ${prev.data_tom}, the data_tom the table was last built with (flis records it with the
-- table), so both bands start at fra = D_old + 1 and are exact for any step, a month or a
-- year. (Before flis kept that record, the bands started a month early to be safe: 1.6M
-- rewritten rows a month instead of about 0.9M.) Rows delivered late for weeks at or before
-- D_old are not picked up: rebuild with --full-refresh after a redelivery. A full build
-- (${is_incremental} FALSE) takes every week, and then ${prev.data_tom} is NULL.
--
-- Reads dsa.dream_uge directly: fact_dream needs no lag/lead, whose sort of all 20 million
-- rows only fact_dream_benchmark's flags pay for.
--
-- The week 52 weeks later is read with a window, not a self-join: RANGE 364 days FOLLOWING
-- is exactly the row with uge_start + 364 (an empty frame without one), so one sort of the
-- ydelse weeks replaces a hash join of 11 million rows with 11 million rows. A week without
-- a ydelse reads the same as a missing week (NULL ydelse, 'Ikke længere ydelse'), so only
-- ydelse weeks are read. In an incremental build, band A's later weeks lie in band B, so
-- the window sees them. borger_id is partitioned COLLATE "C": grouping is the same, and the
-- sort compares bytes instead of going through the locale.
--
-- fra is written out as (${prev.data_tom}::date + 1) rather than kept in a CTE: as a
-- constant expression PostgreSQL folds it, so a full build (NOT FALSE OR ...) plans as if
-- there were no filter at all.
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
           OR u.uge_start >= (${prev.data_tom}::date + 1)
           -- band A: the weeks that become classified
           OR u.uge_start + 364 BETWEEN (${prev.data_tom}::date + 1)
                                    AND ${data_tom}::date)
)

SELECT
    u.borger_id,
    u.uge_start,
    u.ydelse_kode,
    u.ydelsesgruppe,
    u.er_udvalgt,
    first_value(u.ydelse_kode) OVER senere               AS ydelse_kode_52_uger_efter,
    first_value(u.ydelsesgruppe) OVER senere             AS ydelsesgruppe_52_uger_efter,
    CASE
        WHEN u.uge_start + 364 > ${data_tom}::date THEN NULL
        WHEN (first_value(u.ydelse_kode) OVER senere) IS NULL THEN 'Ikke længere ydelse'
        WHEN (first_value(u.ydelsesgruppe) OVER senere) = u.ydelsesgruppe THEN 'Fortsat samme ydelse'
        ELSE 'Anden ydelse'
    END                                                  AS status_52_uger_efter,
    u.bopaelskommune_kode,
    u.arbejdsstedskommune_kode,
    u.beskaeftigelsesgrad
FROM uge AS u
WINDOW senere AS (
    PARTITION BY u.borger_id COLLATE "C"
    ORDER BY u.uge_start
    RANGE BETWEEN interval '364 days' FOLLOWING AND interval '364 days' FOLLOWING
)

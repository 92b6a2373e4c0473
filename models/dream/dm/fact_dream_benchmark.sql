-- fact_dream for the DREAM Benchmark cube: pmakoer_id instead of borger_id, plus the four
-- benchmark measures' flags. All four are false, never NULL, when there is no previous/next
-- row or no arbejdssted. Never exported in a datapakke.
--
-- Incremental (delete+insert on pmakoer_id, uge_start), with the bands of fact_dream.sql
-- (A: weeks that become classified, B: new weeks, both from fra = ${prev.data_tom} + 1, the
-- day after the data_tom the table was last built with) plus one more row per person with
-- new weeks: the last row before fra (foer_b), whose next row (er_fraflytter) may be new.
-- The flags need each rebuilt row's previous and next row in dsa.dream_uge (whether or not
-- those weeks had a ydelse),
-- and only the rows at a band's edge have them outside the band. A person has a row per week
-- while in the register, so those neighbours are nearly always the weeks just outside: an
-- incremental build windows over the bands widened by one week on each side of band A and two
-- weeks before band B (foer_b and foer_b's own previous row). That is exact for everyone with
-- rows in those margin weeks; the few others (entering, leaving or with a gap at an edge) are
-- found by one aggregate over the widened bands, and the window takes all their rows. No pass
-- over all 20 million rows, no index needed (with a primary key on dsa.dream_uge, the planner
-- fetches those few persons' rows through it). A full build (${is_incremental} FALSE) windows
-- over everything. As in fact_dream.sql, fra is written out as a constant expression so that
-- PostgreSQL folds it; fra - 14 and data_tom + 7 are the margins.
WITH uden_for AS (
    -- The persons with a rebuilt row whose neighbour may lie outside the widened bands: rows
    -- in band A but none in the week before or after it, or rows in band B but fewer than
    -- two in the two weeks before it. Among the widened bands' rows, uge_start + 364 < fra
    -- is the week before band A, and uge_start < fra with uge_start + 364 > data_tom + 7 the
    -- two weeks before band B.
    SELECT u.borger_id
    FROM dsa.dream_uge AS u
    WHERE ${is_incremental}
      AND u.uge_start <= ${data_tom}::date
      AND (u.uge_start >= (${prev.data_tom}::date + 1) - 14
           OR u.uge_start + 364 BETWEEN (${prev.data_tom}::date + 1) - 7
                                    AND ${data_tom}::date + 7)
    GROUP BY u.borger_id
    HAVING bool_or(u.uge_start + 364 BETWEEN (${prev.data_tom}::date + 1)
                                         AND ${data_tom}::date)
           AND NOT (bool_or(u.uge_start + 364 < (${prev.data_tom}::date + 1))
                    AND bool_or(u.uge_start + 364 BETWEEN ${data_tom}::date + 1 AND ${data_tom}::date + 7))
        OR bool_or(u.uge_start >= (${prev.data_tom}::date + 1))
           AND count(*) FILTER (
               WHERE u.uge_start < (${prev.data_tom}::date + 1)
                 AND u.uge_start + 364 > ${data_tom}::date + 7) < 2
),

-- The widened bands plus every row of the persons uden_for, with each row's previous and next
-- bopælskommune: the window sees every rebuilt row's true neighbours. Weeks after data_tom
-- have not happened and are no neighbours. Two branches rather than one OR, so the first
-- can scan in parallel and the second can use an index on borger_id if there is one.
uge AS (
    SELECT
        u.borger_id,
        u.uge_start,
        u.ydelse_kode,
        NOT ${is_incremental}
          OR u.uge_start >= (${prev.data_tom}::date + 1)
          OR u.uge_start + 364 BETWEEN (${prev.data_tom}::date + 1)
                                   AND ${data_tom}::date                  AS i_baand,
        lead(u.uge_start) OVER w                                          AS naeste_uge_start,
        lag(u.bopaelskommune_kode) OVER w                                 AS forrige_bopaelskommune_kode,
        lead(u.bopaelskommune_kode) OVER w                                AS naeste_bopaelskommune_kode
    FROM (
        SELECT u.borger_id, u.uge_start, u.ydelse_kode, u.bopaelskommune_kode
        FROM dsa.dream_uge AS u
        WHERE u.uge_start <= ${data_tom}::date
          AND (NOT ${is_incremental}
               OR u.uge_start >= (${prev.data_tom}::date + 1) - 14
               OR u.uge_start + 364 BETWEEN (${prev.data_tom}::date + 1) - 7
                                        AND ${data_tom}::date + 7)
        UNION ALL
        SELECT u.borger_id, u.uge_start, u.ydelse_kode, u.bopaelskommune_kode
        FROM dsa.dream_uge AS u
        WHERE ${is_incremental}
          AND u.borger_id IN (SELECT borger_id FROM uden_for)
          AND u.uge_start < (${prev.data_tom}::date + 1) - 14
          AND u.uge_start + 364 NOT BETWEEN (${prev.data_tom}::date + 1) - 7
                                        AND ${data_tom}::date + 7
    ) AS u
    -- COLLATE "C": the same partitions, but the sort compares bytes, not through the locale.
    WINDOW w AS (PARTITION BY u.borger_id COLLATE "C" ORDER BY u.uge_start)
),

-- The rebuilt rows: the bands, and foer_b, the row before fra whose next row is new. Only
-- weeks with a ydelse are in fact_dream.
genbyg AS (
    SELECT u.*
    FROM uge AS u
    WHERE u.ydelse_kode IS NOT NULL
      AND (u.i_baand
           OR u.uge_start < (${prev.data_tom}::date + 1)
              AND u.naeste_uge_start >= (${prev.data_tom}::date + 1))
),

-- The keyed hash once per person, not once per row: HMAC-SHA-256 costs microseconds and a
-- person has a row per week. Every rebuilt person has a row in a band (foer_b is rebuilt only
-- with rows in band B). GROUP BY, not a DISTINCT subquery: PostgreSQL pulls a plain subquery
-- up into the join and would then hash every output row; an aggregate's output it cannot.
pmakoer AS (
    SELECT u.borger_id, encode(hmac(u.borger_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id
    FROM dsa.dream_uge AS u
    WHERE u.uge_start <= ${data_tom}::date
      AND (NOT ${is_incremental}
           OR u.uge_start >= (${prev.data_tom}::date + 1)
           OR u.uge_start + 364 BETWEEN (${prev.data_tom}::date + 1)
                                    AND ${data_tom}::date)
    GROUP BY u.borger_id
)

SELECT
    p.pmakoer_id,
    f.uge_start,
    f.ydelse_kode,
    f.ydelsesgruppe,
    f.er_udvalgt,
    f.ydelse_kode_52_uger_efter,
    f.ydelsesgruppe_52_uger_efter,
    f.status_52_uger_efter,
    f.bopaelskommune_kode,
    f.arbejdsstedskommune_kode,
    f.beskaeftigelsesgrad,
    coalesce(u.forrige_bopaelskommune_kode <> f.bopaelskommune_kode, false)   AS er_tilflytter,
    coalesce(u.naeste_bopaelskommune_kode <> f.bopaelskommune_kode, false)    AS er_fraflytter,
    coalesce(f.arbejdsstedskommune_kode <> f.bopaelskommune_kode, false)      AS er_pendler_uden_for_kommunen,
    coalesce(arb.region_kode <> bop.region_kode, false)                       AS er_pendler_uden_for_regionen
FROM genbyg AS u
-- Restricted to the rebuilt rows' weeks (foer_b lies in band B's margin but for persons
-- uden_for), so PostgreSQL hashes those rather than all of fact_dream.
JOIN fact_dream AS f
  ON f.borger_id = u.borger_id AND f.uge_start = u.uge_start
 AND (NOT ${is_incremental}
      OR f.uge_start >= (${prev.data_tom}::date + 1) - 14
      OR f.uge_start BETWEEN (${prev.data_tom}::date + 1) - 364
                         AND ${data_tom}::date - 364
      OR f.borger_id IN (SELECT borger_id FROM uden_for))
LEFT JOIN pmakoer AS p ON p.borger_id = f.borger_id
LEFT JOIN dim_kommune AS bop ON bop.kommune_kode = f.bopaelskommune_kode
LEFT JOIN dim_kommune AS arb ON arb.kommune_kode = f.arbejdsstedskommune_kode

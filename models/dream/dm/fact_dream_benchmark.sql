-- fact_dream for the DREAM Benchmark cube: pmakoer_id instead of borger_id, plus the four
-- benchmark measures' flags. All four are false, never NULL, when there is no previous/next
-- row or no arbejdssted. Never exported in a datapakke.
--
-- Incremental (delete+insert on pmakoer_id, uge_start), with the bands of fact_dream.sql
-- (A: weeks that become classified, B: new weeks, both from fra = the first day of the
-- month before data_tom's month) plus one more row per person with new weeks: the last row
-- before fra, whose next row (er_fraflytter) may be new. The flags need each rebuilt row's
-- neighbours in dsa.dream_uge (whether or not those weeks had a ydelse), which may lie
-- anywhere before the bands. Rather than sorting all 20 million rows for lag/lead, an
-- incremental build finds per person the rows just outside the bands with aggregate passes
-- and runs the window over the bands plus those rows: the window then sees every rebuilt
-- row's true previous and next row. A full build (${is_incremental} FALSE) skips the
-- aggregates and windows over everything. As in fact_dream.sql, fra is written out as a
-- constant expression so that PostgreSQL folds it.
WITH naboer AS (
    -- Per person: the last row before band A, the first row after it, and the last row
    -- before band B, which is rebuilt only if the person has rows in band B (else its next
    -- row is none, before and after).
    SELECT
        u.borger_id,
        max(u.uge_start) FILTER (
            WHERE u.uge_start + 364 < date_trunc('month', ${data_tom}::date - interval '1 month')::date
        )                                                                           AS foer_a,
        min(u.uge_start) FILTER (WHERE u.uge_start + 364 > ${data_tom}::date)       AS efter_a,
        CASE WHEN max(u.uge_start) >= date_trunc('month', ${data_tom}::date - interval '1 month')::date
             THEN max(u.uge_start) FILTER (
                 WHERE u.uge_start < date_trunc('month', ${data_tom}::date - interval '1 month')::date)
        END                                                                         AS foer_b
    FROM dsa.dream_uge AS u
    WHERE ${is_incremental}
      AND u.uge_start <= ${data_tom}::date
    GROUP BY u.borger_id
),

-- The row before foer_b: foer_b is rebuilt, so its own previous row is needed too.
foer_foer_b AS (
    SELECT u.borger_id, max(u.uge_start) AS uge_start
    FROM dsa.dream_uge AS u
    JOIN naboer AS n ON n.borger_id = u.borger_id
    WHERE u.uge_start < n.foer_b
    GROUP BY u.borger_id
),

noegler AS (
    SELECT borger_id, foer_a AS uge_start FROM naboer WHERE foer_a IS NOT NULL
    UNION SELECT borger_id, efter_a FROM naboer WHERE efter_a IS NOT NULL
    UNION SELECT borger_id, foer_b FROM naboer WHERE foer_b IS NOT NULL
    UNION SELECT borger_id, uge_start FROM foer_foer_b
),

-- The bands plus their neighbour rows, with each row's previous and next bopælskommune.
-- Weeks after data_tom have not happened and are no neighbours.
uge AS (
    SELECT
        u.borger_id,
        u.uge_start,
        NOT ${is_incremental}
          OR u.uge_start >= date_trunc('month', ${data_tom}::date - interval '1 month')::date
          OR u.uge_start + 364 BETWEEN date_trunc('month', ${data_tom}::date - interval '1 month')::date
                                   AND ${data_tom}::date                  AS i_baand,
        lag(u.bopaelskommune_kode) OVER w                                 AS forrige_bopaelskommune_kode,
        lead(u.bopaelskommune_kode) OVER w                                AS naeste_bopaelskommune_kode
    FROM dsa.dream_uge AS u
    WHERE u.uge_start <= ${data_tom}::date
      AND (NOT ${is_incremental}
           OR u.uge_start >= date_trunc('month', ${data_tom}::date - interval '1 month')::date
           OR u.uge_start + 364 BETWEEN date_trunc('month', ${data_tom}::date - interval '1 month')::date
                                    AND ${data_tom}::date
           OR EXISTS (SELECT 1 FROM noegler AS k WHERE k.borger_id = u.borger_id AND k.uge_start = u.uge_start))
    -- COLLATE "C": the same partitions, but the sort compares bytes, not through the locale.
    WINDOW w AS (PARTITION BY u.borger_id COLLATE "C" ORDER BY u.uge_start)
),

genbyg AS (
    SELECT u.*
    FROM uge AS u
    WHERE u.i_baand
       OR EXISTS (SELECT 1 FROM naboer AS n WHERE n.borger_id = u.borger_id AND n.foer_b = u.uge_start)
),

-- The keyed hash once per person, not once per row: HMAC-SHA-256 costs about 10 µs and a
-- person has a row per week. Every rebuilt person has a row from band A on (foer_b is
-- rebuilt only with rows in band B).
pmakoer AS (
    SELECT borger_id, encode(hmac(borger_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id
    FROM (
        SELECT DISTINCT u.borger_id
        FROM dsa.dream_uge AS u
        WHERE u.uge_start <= ${data_tom}::date
          AND (NOT ${is_incremental}
               OR u.uge_start + 364 >= date_trunc('month', ${data_tom}::date - interval '1 month')::date)
    ) AS p
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
JOIN fact_dream AS f ON f.borger_id = u.borger_id AND f.uge_start = u.uge_start
LEFT JOIN pmakoer AS p ON p.borger_id = f.borger_id
LEFT JOIN dim_kommune AS bop ON bop.kommune_kode = f.bopaelskommune_kode
LEFT JOIN dim_kommune AS arb ON arb.kommune_kode = f.arbejdsstedskommune_kode

-- fact_dream holds every week with a ydelse in dsa.dream_uge up to data_tom, no more and no
-- fewer, week by week. Besides the full build, this guards the incremental one: fact_dream
-- rebuilds only the weeks from the month before data_tom's (see fact_dream.sql), so a build
-- that skips months would leave weeks missing. Returns the weeks whose counts differ.
WITH kilde AS (
    SELECT uge_start, count(*) AS antal
    FROM dsa.dream_uge
    WHERE ydelse_kode IS NOT NULL
      AND uge_start <= ${data_tom}::date
    GROUP BY uge_start
),
fakta AS (
    SELECT uge_start, count(*) AS antal
    FROM fact_dream
    GROUP BY uge_start
)

SELECT
    coalesce(k.uge_start, f.uge_start)  AS uge_start,
    k.antal                             AS antal_dsa,
    f.antal                             AS antal_fact_dream
FROM kilde AS k
FULL JOIN fakta AS f ON f.uge_start = k.uge_start
WHERE k.antal IS DISTINCT FROM f.antal

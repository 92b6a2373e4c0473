-- fact_dream_benchmark is fact_dream with another key: the same number of rows per week, and
-- the same split on status_52_uger_efter. Returns the weeks where they differ.
WITH f AS (
    SELECT uge_start, status_52_uger_efter, count(*) AS antal
    FROM fact_dream
    GROUP BY uge_start, status_52_uger_efter
),
b AS (
    SELECT uge_start, status_52_uger_efter, count(*) AS antal
    FROM fact_dream_benchmark
    GROUP BY uge_start, status_52_uger_efter
)

SELECT
    coalesce(f.uge_start, b.uge_start)                         AS uge_start,
    coalesce(f.status_52_uger_efter, b.status_52_uger_efter)   AS status_52_uger_efter,
    f.antal                                                    AS antal_fact_dream,
    b.antal                                                    AS antal_benchmark
FROM f
FULL JOIN b
    ON  b.uge_start = f.uge_start
    AND b.status_52_uger_efter IS NOT DISTINCT FROM f.status_52_uger_efter
WHERE f.antal IS DISTINCT FROM b.antal

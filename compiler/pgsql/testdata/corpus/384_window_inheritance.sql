-- deps: dsa.fravaer
-- columns: medarbejder_id, fra, loebende, nr
SELECT medarbejder_id, fra,
       sum(timer) OVER w2 AS loebende,
       row_number() OVER w1 AS nr
FROM dsa.fravaer
WINDOW w1 AS (PARTITION BY medarbejder_id),
       w2 AS (w1 ORDER BY fra RANGE BETWEEN INTERVAL '30 days' PRECEDING AND CURRENT ROW)

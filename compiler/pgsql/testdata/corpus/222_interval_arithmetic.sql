-- deps: dsa.fravaer
-- columns: medarbejder_id, varighed, timer, dage, uge, ny_slut, overlapper
SELECT medarbejder_id,
       til - fra                                      AS varighed,
       extract(epoch FROM til - fra) / 3600.0         AS timer,
       date_part('day', til - fra)                    AS dage,
       date_trunc('week', fra AT TIME ZONE 'Europe/Copenhagen') AS uge,
       til + INTERVAL '1' DAY + interval '2 hours 30 minutes' AS ny_slut,
       (fra, til) OVERLAPS (timestamptz '2024-07-01', interval '3 weeks') AS overlapper
FROM dsa.fravaer
WHERE til > now() - interval '13 months'
  AND aarsag IS DISTINCT FROM 'Ferie'

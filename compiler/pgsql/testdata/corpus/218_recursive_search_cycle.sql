-- deps: dsa.medarbejder
-- columns: medarbejder_id, leder_id, dybde, ordning, er_cyklus
WITH RECURSIVE kaede (medarbejder_id, leder_id, dybde) AS (
    SELECT medarbejder_id, leder_id, 0
    FROM dsa.medarbejder
    WHERE leder_id IS NULL
    UNION ALL
    SELECT m.medarbejder_id, m.leder_id, k.dybde + 1
    FROM kaede k
    JOIN dsa.medarbejder m ON m.leder_id = k.medarbejder_id
) SEARCH DEPTH FIRST BY medarbejder_id SET ordning
  CYCLE medarbejder_id SET er_cyklus USING sti
SELECT medarbejder_id, leder_id, dybde, ordning, er_cyklus
FROM kaede
ORDER BY ordning

-- deps: dsa.ky_sag
-- columns: sag_id, sorterede
SELECT sag_id,
       (SELECT array_agg(t ORDER BY t) FROM unnest(tags) AS t) AS sorterede
FROM dsa.ky_sag

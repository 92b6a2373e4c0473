-- deps: dm.fact_ky_sager
-- columns: kombinationer, aabne, count
SELECT count(DISTINCT (sag_id, maaned)) AS kombinationer,
       count(DISTINCT sag_id) FILTER (WHERE status = 'Åben') AS aabne,
       count(ALL status)
FROM dm.fact_ky_sager

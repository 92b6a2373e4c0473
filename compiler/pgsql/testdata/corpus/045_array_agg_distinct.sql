-- deps: dsa.fsiii_indsats
-- columns: borger_id, indsatser
SELECT borger_id, array_agg(DISTINCT indsats_type ORDER BY indsats_type) AS indsatser
FROM dsa.fsiii_indsats
GROUP BY borger_id

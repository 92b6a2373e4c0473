-- deps: dsa.fsiii_indsats
-- columns: maaned, antal
SELECT date_trunc('month', startdato) AS maaned, count(DISTINCT borger_id) AS antal
FROM dsa.fsiii_indsats
WHERE startdato >= DATE '2020-01-01'
GROUP BY 1
ORDER BY 1

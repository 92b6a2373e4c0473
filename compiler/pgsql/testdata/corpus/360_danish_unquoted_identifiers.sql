-- deps: dsa.børnesager
-- columns: foranstaltning, varighed_dage, år
SELECT foranstaltning,
       avg(coalesce(slut, current_date) - start) AS varighed_dage,
       extract(year FROM start) AS år
FROM dsa.børnesager
GROUP BY foranstaltning, år

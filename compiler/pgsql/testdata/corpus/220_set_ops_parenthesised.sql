-- deps: dsa.ky_sag, dsa.børnesager, dm.fact_ky_sager
-- columns: sag_id
(
    (SELECT sag_id FROM dsa.ky_sag WHERE aktiv)
    UNION
    (SELECT sag_id FROM dsa.børnesager WHERE slut IS NULL)
)
EXCEPT
(SELECT sag_id FROM dm.fact_ky_sager WHERE maaned = date_trunc('month', ${data_tom}::date))
INTERSECT
SELECT sag_id FROM dsa.ky_sag
ORDER BY sag_id
LIMIT 1000

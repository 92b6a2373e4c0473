-- deps: dm.fact_ky_sager
-- columns: maaned, nye_sager
SELECT maaned, count(*) FILTER (WHERE maaned = foerste_maaned) AS nye_sager
FROM (SELECT sag_id, maaned, min(maaned) OVER (PARTITION BY sag_id) AS foerste_maaned FROM dm.fact_ky_sager) x
GROUP BY maaned

-- deps: dm.fact_ky_sager
-- columns: ok
SELECT true AS ok
WHERE EXISTS (SELECT 1 FROM dm.fact_ky_sager WHERE maaned = date_trunc('month', current_date))

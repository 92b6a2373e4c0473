-- deps: dm.fact_ky_sager
-- columns: sag_id, kvartil, pct
SELECT sag_id, ntile(4) OVER (ORDER BY beloeb) AS kvartil, percent_rank() OVER (ORDER BY beloeb) AS pct
FROM dm.fact_ky_sager

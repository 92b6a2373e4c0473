-- deps: dm.fact_ky_sager
-- columns: sag_id, forrige, naeste
SELECT sag_id, lag(beloeb) OVER w AS forrige, lead(beloeb) OVER w AS naeste
FROM dm.fact_ky_sager
WINDOW w AS (PARTITION BY sag_id ORDER BY maaned)

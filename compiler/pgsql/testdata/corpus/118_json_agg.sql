-- deps: dm.fact_ky_sager
-- columns: sag_id, historik
SELECT sag_id, jsonb_agg(jsonb_build_object('m', maaned, 'b', beloeb) ORDER BY maaned) AS historik
FROM dm.fact_ky_sager
GROUP BY sag_id

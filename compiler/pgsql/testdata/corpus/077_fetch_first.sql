-- deps: dm.fact_ky_sager
-- columns: sag_id
SELECT sag_id FROM dm.fact_ky_sager ORDER BY beloeb DESC FETCH FIRST 10 ROWS ONLY

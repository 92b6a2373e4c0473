-- deps: dm.fact_ky_sager
-- columns: tekst
SELECT 'pris ${ikke_en_variabel}' AS tekst FROM dm.fact_ky_sager

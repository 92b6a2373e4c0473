-- deps: dm.fact_ky_sager
-- columns: sag_id
SELECT sag_id FROM dm.fact_ky_sager f WHERE beloeb >= ALL (SELECT beloeb FROM dm.fact_ky_sager)

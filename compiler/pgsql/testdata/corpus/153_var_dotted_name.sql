-- deps: dm.fact_ky_sager
-- columns: sag_id
SELECT sag_id FROM dm.fact_ky_sager WHERE kommune_kode = ${flis.kommune}

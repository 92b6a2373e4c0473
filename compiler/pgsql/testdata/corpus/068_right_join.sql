-- deps: dm.dim_kommune, stg_ky_sag
-- columns: kommune_kode, antal
SELECT k.kommune_kode, count(s.sag_id) AS antal
FROM stg_ky_sag s
RIGHT JOIN dm.dim_kommune k ON k.kommune_kode = s.kommune_kode
GROUP BY k.kommune_kode

-- deps: stg.stg_ky_sag, stg.graenser
-- columns: kommune_kode
SELECT kommune_kode FROM stg.stg_ky_sag
GROUP BY kommune_kode
HAVING count(*) > (SELECT min_antal FROM stg.graenser WHERE omraade = 'KY')

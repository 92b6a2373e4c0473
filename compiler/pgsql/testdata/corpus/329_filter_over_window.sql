-- deps: dm.fact_ky_sager
-- columns: sag_id, maaned, aabne_i_kommunen, andel
SELECT sag_id,
       maaned,
       count(*) FILTER (WHERE status = 'Åben') OVER (PARTITION BY kommune_kode, maaned) AS aabne_i_kommunen,
       sum(fuldtidsperson) FILTER (WHERE status <> 'Afbrudt')
           OVER (PARTITION BY kommune_kode ORDER BY maaned GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES) AS andel
FROM dm.fact_ky_sager

-- deps: dm.fact_ky_sager
-- columns: kommune_kode, gennemsnit, andel
SELECT kommune_kode,
       round(avg(beloeb)::numeric, 2) AS gennemsnit,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS andel
FROM dm.fact_ky_sager
GROUP BY kommune_kode

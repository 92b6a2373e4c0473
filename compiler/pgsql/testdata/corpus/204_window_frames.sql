-- deps: dm.fact_udbetaling
-- columns: sag_id, maaned, beloeb, loebende_12m, glidende_3m, rang, andel
SELECT sag_id,
       maaned,
       beloeb,
       sum(beloeb) OVER (PARTITION BY sag_id ORDER BY maaned
                         RANGE BETWEEN INTERVAL '11 months' PRECEDING AND CURRENT ROW) AS loebende_12m,
       avg(beloeb) OVER (PARTITION BY sag_id ORDER BY maaned
                         ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS glidende_3m,
       dense_rank() OVER (PARTITION BY date_trunc('year', maaned) ORDER BY beloeb DESC NULLS LAST) AS rang,
       beloeb / nullif(sum(beloeb) OVER (PARTITION BY maaned), 0) AS andel
FROM dm.fact_udbetaling
WHERE maaned >= ${data_tom}::date - interval '3 years'

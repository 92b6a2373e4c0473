-- deps: dm.dim_tid
-- columns: dato, plus_aar, plus_iso, plus_ym, minus_uge
SELECT dato,
       dato + interval '1' year              AS plus_aar,
       dato + 'P1M'::interval                AS plus_iso,
       dato + INTERVAL '1-2' YEAR TO MONTH   AS plus_ym,
       dato - '1 week'::interval             AS minus_uge
FROM dm.dim_tid
WHERE dato > current_date - 400

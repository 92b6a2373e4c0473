-- deps: dm.fact_udbetaling
-- columns: row_number, count, ntile, string_agg, array_agg, bool_and, lag, sum
SELECT row_number() OVER w,
       count(*) FILTER (WHERE beloeb > 0) OVER w,
       ntile(4) OVER (ORDER BY beloeb),
       string_agg(ydelse, ',') OVER (),
       array_agg(sag_id) OVER (PARTITION BY maaned),
       bool_and(beloeb > 0) OVER w,
       lag(beloeb) OVER w,
       sum(beloeb) OVER (w ROWS UNBOUNDED PRECEDING)
FROM dm.fact_udbetaling
WINDOW w AS (PARTITION BY sag_id ORDER BY maaned)

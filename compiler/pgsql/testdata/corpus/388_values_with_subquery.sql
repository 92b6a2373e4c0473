-- deps: dm.dim_tid, dm.fact_ky_sager
-- columns: column1, column2
VALUES ((SELECT max(dato) FROM dm.dim_tid), (SELECT count(*) FROM dm.fact_ky_sager)),
       (current_date, 0)

-- deps: dm.dim_tid, dm.fact_ky_sager
-- columns: year, month, value
SELECT "year".year, "year".month, sum(value) AS value
FROM dm.dim_tid AS "year"
JOIN dm.fact_ky_sager AS "table" ON "table".maaned = "year".dato
GROUP BY 1, 2

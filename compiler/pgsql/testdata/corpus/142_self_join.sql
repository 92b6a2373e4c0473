-- deps: dm.dim_org
-- columns: enhed, forælder
SELECT e.navn AS enhed, f.navn AS forælder
FROM dm.dim_org e LEFT JOIN dm.dim_org f ON f.enhed_id = e.forælder_id

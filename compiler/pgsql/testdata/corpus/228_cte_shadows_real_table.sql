-- deps: dsa.ky_sag, dm.dim_kommune
-- columns: kommune_navn, antal
WITH ky_sag AS (
    SELECT * FROM dsa.ky_sag WHERE aktiv
),
dim_kommune AS (
    SELECT kommune_kode, upper(kommune_navn) AS kommune_navn FROM dm.dim_kommune
)
SELECT dim_kommune.kommune_navn, count(*) AS antal
FROM ky_sag
JOIN dim_kommune USING (kommune_kode)
GROUP BY 1

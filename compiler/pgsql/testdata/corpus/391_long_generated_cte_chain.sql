-- deps: dsa.ky_sag, dsa.borger, dm.dim_kommune, dsa.budget, dsa.regnskab, dm.fact_udbetaling, ref.postnumre
-- columns: kommune_kode, trin, n
-- a long generated-looking model: 28 CTEs, each step filtering on one source
WITH trin_00 AS (
    SELECT kommune_kode, 0 AS trin, 0::bigint AS n FROM dm.dim_kommune
),
trin_01 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.borger x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_00 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.borger)
),
trin_02 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dm.dim_kommune x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_01 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dm.dim_kommune)
),
trin_03 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.budget x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_02 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.budget)
),
trin_04 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.regnskab x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_03 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.regnskab)
),
trin_05 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dm.fact_udbetaling x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_04 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dm.fact_udbetaling)
),
trin_06 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM ref.postnumre x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_05 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM ref.postnumre)
),
trin_07 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.ky_sag x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_06 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.ky_sag)
),
trin_08 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.borger x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_07 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.borger)
),
trin_09 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dm.dim_kommune x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_08 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dm.dim_kommune)
),
trin_10 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.budget x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_09 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.budget)
),
trin_11 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.regnskab x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_10 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.regnskab)
),
trin_12 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dm.fact_udbetaling x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_11 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dm.fact_udbetaling)
),
trin_13 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM ref.postnumre x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_12 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM ref.postnumre)
),
trin_14 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.ky_sag x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_13 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.ky_sag)
),
trin_15 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.borger x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_14 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.borger)
),
trin_16 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dm.dim_kommune x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_15 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dm.dim_kommune)
),
trin_17 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.budget x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_16 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.budget)
),
trin_18 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.regnskab x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_17 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.regnskab)
),
trin_19 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dm.fact_udbetaling x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_18 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dm.fact_udbetaling)
),
trin_20 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM ref.postnumre x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_19 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM ref.postnumre)
),
trin_21 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.ky_sag x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_20 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.ky_sag)
),
trin_22 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.borger x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_21 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.borger)
),
trin_23 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dm.dim_kommune x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_22 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dm.dim_kommune)
),
trin_24 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.budget x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_23 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.budget)
),
trin_25 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dsa.regnskab x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_24 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dsa.regnskab)
),
trin_26 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM dm.fact_udbetaling x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_25 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM dm.fact_udbetaling)
),
trin_27 AS (
    SELECT p.kommune_kode, p.trin + 1 AS trin, p.n + (SELECT count(*) FROM ref.postnumre x WHERE x.kommune_kode = p.kommune_kode) AS n
    FROM trin_26 p
    WHERE p.kommune_kode IN (SELECT kommune_kode FROM ref.postnumre)
)
SELECT kommune_kode, trin, n FROM trin_27
UNION ALL
SELECT kommune_kode, trin, n FROM trin_00
UNION ALL
SELECT kommune_kode, trin, n FROM trin_03
UNION ALL
SELECT kommune_kode, trin, n FROM trin_06
UNION ALL
SELECT kommune_kode, trin, n FROM trin_09
UNION ALL
SELECT kommune_kode, trin, n FROM trin_12
UNION ALL
SELECT kommune_kode, trin, n FROM trin_15
UNION ALL
SELECT kommune_kode, trin, n FROM trin_18
UNION ALL
SELECT kommune_kode, trin, n FROM trin_21
UNION ALL
SELECT kommune_kode, trin, n FROM trin_24

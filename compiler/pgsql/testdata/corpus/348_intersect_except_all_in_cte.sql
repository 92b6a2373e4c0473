-- deps: dsa.ky_sag, dm.fact_ky_sager, dsa.børnesager
-- columns: sag_id
WITH begge AS (
    SELECT sag_id FROM dsa.ky_sag
    INTERSECT ALL
    SELECT sag_id FROM dm.fact_ky_sager
), rest AS (
    SELECT sag_id FROM begge
    EXCEPT ALL
    SELECT sag_id FROM dsa.børnesager
)
SELECT sag_id FROM rest

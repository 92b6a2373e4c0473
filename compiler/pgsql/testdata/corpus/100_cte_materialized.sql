-- deps: dsa.ky_ydelse
-- columns: sag_id, beloeb
WITH store AS MATERIALIZED (
    SELECT sag_id, beloeb FROM dsa.ky_ydelse WHERE beloeb > 10000
), smaa AS NOT MATERIALIZED (
    SELECT sag_id, beloeb FROM dsa.ky_ydelse WHERE beloeb <= 10000
)
SELECT sag_id, beloeb FROM store
UNION ALL
SELECT sag_id, beloeb FROM smaa

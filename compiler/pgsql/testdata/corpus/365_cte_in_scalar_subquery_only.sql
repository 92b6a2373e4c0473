-- deps: ky_sag, dsa.ky_sag
-- columns: sag_id, aktive
SELECT k.sag_id,
       (WITH ky_sag AS (SELECT * FROM dsa.ky_sag WHERE aktiv) SELECT count(*) FROM ky_sag) AS aktive
FROM ky_sag k

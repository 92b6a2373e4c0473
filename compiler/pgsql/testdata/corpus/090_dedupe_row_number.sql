-- deps: dsa.ky_sag_raw
-- columns: sag_id, status, indlaest
SELECT sag_id, status, indlaest
FROM (
    SELECT *, row_number() OVER (PARTITION BY sag_id ORDER BY indlaest DESC) AS rn
    FROM dsa.ky_sag_raw
) t
WHERE rn = 1

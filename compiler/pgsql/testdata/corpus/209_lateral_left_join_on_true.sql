-- deps: dsa.borger, dsa.ky_sag
-- columns: borger_id, seneste_sag, seneste_start
SELECT b.borger_id,
       s.sag_id AS seneste_sag,
       s.startdato AS seneste_start
FROM dsa.borger b
LEFT JOIN LATERAL (
    SELECT sag_id, startdato
    FROM dsa.ky_sag ks
    WHERE ks.borger_id = b.borger_id
    ORDER BY startdato DESC
    FETCH FIRST 1 ROW ONLY
) s ON true

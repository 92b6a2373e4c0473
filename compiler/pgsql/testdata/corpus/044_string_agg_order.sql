-- deps: dsa.ky_sag_status
-- columns: sag_id, historik
SELECT sag_id, string_agg(status, ' -> ' ORDER BY gyldig_fra) AS historik
FROM dsa.ky_sag_status
GROUP BY sag_id

-- deps: dsa.ky_sag, dsa.ky_ydelse
-- columns: sag_id, max
SELECT s.sag_id, (SELECT max(y.dato) FROM dsa.ky_ydelse y WHERE y.sag_id = s.sag_id)
FROM dsa.ky_sag s

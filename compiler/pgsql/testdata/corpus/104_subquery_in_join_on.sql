-- deps: dsa.ky_sag, dsa.ky_ydelse, dsa.satser
-- columns: sag_id
SELECT s.sag_id
FROM dsa.ky_sag s
JOIN dsa.ky_ydelse y ON y.sag_id = s.sag_id AND y.beloeb > (SELECT max(sats) FROM dsa.satser)

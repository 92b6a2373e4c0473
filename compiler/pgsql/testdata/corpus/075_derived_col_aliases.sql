-- deps: dsa.ky_ydelse
-- columns: sag_id, total
SELECT t.sag_id, t.total
FROM (SELECT sag_id, sum(beloeb) FROM dsa.ky_ydelse GROUP BY sag_id) AS t(sag_id, total)

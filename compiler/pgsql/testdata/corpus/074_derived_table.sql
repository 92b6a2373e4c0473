-- deps: dsa.ky_ydelse
-- columns: sag_id, beloeb
SELECT t.sag_id, t.beloeb
FROM (SELECT sag_id, sum(beloeb) AS beloeb FROM dsa.ky_ydelse GROUP BY sag_id) t
WHERE t.beloeb > 0

-- deps: dsa.ky_sag
-- columns: sag_id, startdato, periode
SELECT (s).sag_id, (s).startdato, (daterange(s.startdato, s.slutdato)) AS periode
FROM dsa.ky_sag AS s
WHERE (s.startdato, s.sag_id) > (date '2020-01-01', 0)

-- deps: dsa.medarbejder
-- columns: medarbejder, leder, leders_leder
SELECT m.navn AS medarbejder,
       l.navn AS leder,
       ll.navn AS leders_leder
FROM dsa.medarbejder m
LEFT JOIN dsa.medarbejder l  ON l.medarbejder_id = m.leder_id
LEFT JOIN dsa.medarbejder ll ON ll.medarbejder_id = l.leder_id

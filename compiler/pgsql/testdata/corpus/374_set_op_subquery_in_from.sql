-- deps: dsa.ky_sag, dsa.børnesager
-- columns: kommune_kode, n
SELECT u.kommune_kode, count(*) AS n
FROM ((SELECT sag_id, kommune_kode FROM dsa.ky_sag)
      UNION ALL
      (SELECT sag_id, kommune_kode FROM dsa.børnesager)) AS u
GROUP BY u.kommune_kode

-- deps: dsa.ky_sag
-- columns: case, status, kategori
SELECT CASE WHEN aktiv THEN 'ja' ELSE 'nej' END,
       CASE WHEN aktiv THEN 'x' ELSE status END,
       CASE status WHEN 'A' THEN 'Åben' WHEN 'L' THEN 'Lukket' END kategori
FROM dsa.ky_sag

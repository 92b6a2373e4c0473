-- Sager per måned.
SELECT s.sag_id, m.maaned, s.status
FROM dsa.ky_sag s
JOIN stg_maaneder m ON m.maaned <= ${data_tom}::date

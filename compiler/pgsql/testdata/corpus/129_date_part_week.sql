-- deps: dsa.ky_haendelse
-- columns: uge, antal
SELECT date_part('week', tidspunkt)::int AS uge, count(*) AS antal FROM dsa.ky_haendelse GROUP BY 1

-- deps: ref.helligdage, kalender
-- columns: dato, ugedag, arbejdsdag
SELECT d::date AS dato,
       to_char(d, 'TMDay') AS ugedag,
       extract(isodow FROM d) < 6
         AND NOT EXISTS (SELECT 1 FROM ref.helligdage h WHERE h.dato = d::date)
         AND NOT coalesce((SELECT k.helligdag FROM kalender k WHERE k.dato = d::date), false) AS arbejdsdag
FROM generate_series(${data_fra}::date, ${data_tom}::date, interval '1 day') AS d

-- deps:
-- columns: kode, column2, column3
SELECT *
FROM (VALUES (1, 'Åben', true), (2, 'Lukket', false)) AS v(kode)

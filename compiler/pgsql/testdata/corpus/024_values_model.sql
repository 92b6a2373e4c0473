-- deps:
-- columns: column1, column2
VALUES (1, 'Januar'), (2, 'Februar'), (3, 'Marts')

-- deps:
-- columns: column1, column2, column3
VALUES ('Åben', 1, true),
       ('Afbrudt', 2, false),
       ('Gennemført', 3, false)

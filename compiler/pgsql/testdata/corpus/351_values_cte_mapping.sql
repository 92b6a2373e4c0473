-- deps: dm.fact_ky_sager
-- columns: tekst, antal
WITH mapping (status, tekst) AS (
    VALUES ('Åben', 'I gang'), ('Afbrudt', 'Stoppet'), ('Gennemført', 'Afsluttet')
)
SELECT coalesce(m.tekst, 'Ukendt') AS tekst, count(*) AS antal
FROM dm.fact_ky_sager f
LEFT JOIN mapping m USING (status)
GROUP BY 1

-- deps: dsa.org_enhed
-- columns: enhed_id, navn, niveau, sti
WITH RECURSIVE tree AS (
    SELECT enhed_id, navn, 1 AS niveau, ARRAY[enhed_id] AS sti
    FROM dsa.org_enhed
    WHERE forælder_id IS NULL
    UNION ALL
    SELECT e.enhed_id, e.navn, t.niveau + 1, t.sti || e.enhed_id
    FROM dsa.org_enhed e
    JOIN tree t ON e.forælder_id = t.enhed_id
)
SELECT enhed_id, navn, niveau, sti FROM tree

-- deps: dsa.organisation
-- columns: org_id, parent_id, navn, niveau, sti
WITH RECURSIVE tree AS (
    SELECT org_id, parent_id, navn, 1 AS niveau, navn::text AS sti
    FROM dsa.organisation
    WHERE parent_id IS NULL
  UNION ALL
    SELECT o.org_id, o.parent_id, o.navn, t.niveau + 1, t.sti || ' > ' || o.navn
    FROM dsa.organisation o
    JOIN tree t ON o.parent_id = t.org_id
)
SELECT org_id, parent_id, navn, niveau, sti FROM tree

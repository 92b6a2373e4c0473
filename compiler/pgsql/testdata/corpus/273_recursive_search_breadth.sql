-- deps: dsa.organisation
-- columns: org_id, navn, ordning
WITH RECURSIVE org AS (
    SELECT org_id, navn FROM dsa.organisation WHERE parent_id IS NULL
    UNION ALL
    SELECT o.org_id, o.navn FROM dsa.organisation o JOIN org p ON o.parent_id = p.org_id
) SEARCH BREADTH FIRST BY org_id SET ordning
SELECT org_id, navn, ordning FROM org ORDER BY ordning

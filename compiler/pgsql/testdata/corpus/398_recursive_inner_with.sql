-- deps: dsa.organisation, dm.dim_org
-- columns: org_id, navn, dybde
SELECT d.org_id, d.navn, t.dybde
FROM dm.dim_org d
JOIN (
    WITH RECURSIVE t(org_id, dybde) AS (
        SELECT org_id, 0 FROM dsa.organisation WHERE parent_id IS NULL
        UNION
        SELECT o.org_id, t.dybde + 1 FROM dsa.organisation o, t WHERE o.parent_id = t.org_id
    )
    SELECT org_id, dybde FROM t
) AS t USING (org_id)

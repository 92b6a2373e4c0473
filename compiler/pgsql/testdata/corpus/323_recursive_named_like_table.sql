-- deps: public.sager
-- columns: sag_id, parent_sag_id, dybde
WITH RECURSIVE sager AS (
    SELECT sag_id, parent_sag_id, 0 AS dybde
    FROM public.sager
    WHERE parent_sag_id IS NULL
    UNION ALL
    SELECT c.sag_id, c.parent_sag_id, p.dybde + 1
    FROM public.sager c
    JOIN sager p ON c.parent_sag_id = p.sag_id
)
SELECT sag_id, parent_sag_id, dybde FROM sager

-- deps: sager
-- columns: sag_id, parent_sag_id
WITH RECURSIVE kaede AS (
    SELECT sag_id, parent_sag_id FROM sager WHERE sag_id = 1
    UNION ALL
    SELECT s.sag_id, s.parent_sag_id FROM sager s JOIN kaede k ON s.sag_id = k.parent_sag_id
) CYCLE sag_id SET er_cyklus TO true DEFAULT false USING sti
SELECT sag_id, parent_sag_id FROM kaede WHERE NOT er_cyklus

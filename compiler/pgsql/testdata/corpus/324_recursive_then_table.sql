-- deps: sager
-- columns: sag_id, titel, rod
WITH RECURSIVE sag_tree(sag_id, rod) AS (
    SELECT sag_id, sag_id FROM sager WHERE parent_sag_id IS NULL
    UNION ALL
    SELECT s.sag_id, t.rod FROM sag_tree t JOIN sager s ON s.parent_sag_id = t.sag_id
)
SELECT t.sag_id, s.titel, t.rod
FROM sag_tree t
JOIN sager s ON s.sag_id = t.rod

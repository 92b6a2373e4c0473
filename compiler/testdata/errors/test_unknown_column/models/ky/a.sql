SELECT 1 AS sag_id

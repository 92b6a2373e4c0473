-- Borgere per måned, with its own partition_by over the folder's.
SELECT borger_id, date_trunc('month', uge_start)::date AS maaned FROM stg_dream_uge

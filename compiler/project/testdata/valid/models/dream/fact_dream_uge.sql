-- Borgere per uge, partitioned by the folder's partition_by.
SELECT borger_id, uge_start FROM stg_dream_uge

SELECT 1 AS sag_id, 2 AS kommune_kode

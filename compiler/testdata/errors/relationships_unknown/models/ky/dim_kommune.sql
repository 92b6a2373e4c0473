SELECT 1 AS kommune_kode

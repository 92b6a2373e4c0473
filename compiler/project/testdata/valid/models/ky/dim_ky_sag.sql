SELECT DISTINCT sag_id FROM dsa.ky_sag

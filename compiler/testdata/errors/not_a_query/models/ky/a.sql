DELETE FROM dsa.ky_sag

SELECT * FROM fact_ky_sager WHERE antal < 0

SELECT maaned, count(*) AS antal FROM fact_ky_sager GROUP BY maaned

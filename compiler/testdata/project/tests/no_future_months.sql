SELECT * FROM fact_sager WHERE maaned > ${data_tom}::date

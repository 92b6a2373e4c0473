SELECT * FROM "dm"."fact_sager" WHERE maaned > '2024-03-31'::date

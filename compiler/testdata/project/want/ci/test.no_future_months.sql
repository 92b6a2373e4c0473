SELECT * FROM "dm_ci"."fact_sager" WHERE maaned > '2024-03-31'::date

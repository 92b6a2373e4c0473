-- deps: stg.order, stg.user
-- columns: id
SELECT o.id FROM stg."order" o JOIN stg."user" u ON u.id = o.user_id

-- deps: stg.orders, stg.customers
-- columns: order_id
SELECT order_id
FROM stg.orders
ORDER BY order_date DESC
FETCH FIRST (SELECT count(*) FROM stg.customers) ROWS ONLY

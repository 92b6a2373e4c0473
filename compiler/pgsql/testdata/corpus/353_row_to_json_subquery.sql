-- deps: stg.orders
-- columns: row_to_json
SELECT row_to_json(t)
FROM (SELECT order_id, order_date, status FROM stg.orders WHERE status = 'placed') t

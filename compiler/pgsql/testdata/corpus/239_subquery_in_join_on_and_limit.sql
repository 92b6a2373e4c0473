-- deps: stg.orders, stg.customers, stg.payments
-- columns: order_id, first_name
SELECT o.order_id, c.first_name
FROM stg.orders o
JOIN stg.customers c
  ON c.customer_id = o.customer_id
 AND o.order_id IN (SELECT p.order_id FROM stg.payments p WHERE p.amount > 0)
ORDER BY o.order_date DESC
LIMIT (SELECT count(*) / 10 FROM stg.customers)
OFFSET 5

-- deps: stg.customers, stg.orders, stg.payments
-- columns: customer_id, order_id, payment_id
SELECT c.customer_id, o.order_id, p.payment_id
FROM stg.customers c
LEFT OUTER JOIN stg.orders o ON o.customer_id = c.customer_id
RIGHT OUTER JOIN stg.payments p ON p.order_id = o.order_id

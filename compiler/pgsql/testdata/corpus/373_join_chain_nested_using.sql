-- deps: stg.customers, stg.orders, stg.payments
-- columns: customer_id, order_id, amount
SELECT customer_id, order_id, p.amount
FROM stg.customers
JOIN (stg.orders JOIN stg.payments p USING (order_id)) USING (customer_id)

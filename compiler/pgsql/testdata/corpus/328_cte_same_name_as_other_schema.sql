-- deps: stg.orders, public.orders
-- columns: order_id, amount
WITH orders AS (SELECT order_id, status FROM stg.orders)
SELECT o.order_id, p.amount
FROM orders o
JOIN public.orders p USING (order_id)
WHERE o.status = 'completed'

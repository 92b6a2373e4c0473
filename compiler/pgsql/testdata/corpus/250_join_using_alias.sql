-- deps: stg.orders, stg.payments
-- columns: order_id, payment_method
SELECT j.order_id, p.payment_method
FROM stg.orders o
JOIN stg.payments p USING (order_id) AS j
WHERE o.status = 'completed'

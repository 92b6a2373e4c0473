-- deps: payments, public.orders
-- columns: order_id, amount
WITH payments AS (
    SELECT order_id, sum(amount) AS amount
    FROM payments
    GROUP BY order_id
    ORDER BY amount DESC
    FETCH FIRST 100 ROWS WITH TIES
)
SELECT p.order_id, p.amount
FROM payments p
JOIN public.orders o USING (order_id)

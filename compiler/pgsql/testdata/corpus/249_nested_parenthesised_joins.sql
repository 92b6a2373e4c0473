-- deps: stg.orders, stg.customers, stg.payments
-- columns: order_id, first_name, amount
SELECT o.order_id, c.first_name, p.amount
FROM (stg.orders o
      JOIN stg.customers c ON c.customer_id = o.customer_id)
LEFT JOIN (stg.payments p
           JOIN stg.orders o2 ON o2.order_id = p.order_id AND o2.status <> 'returned')
       ON p.order_id = o.order_id

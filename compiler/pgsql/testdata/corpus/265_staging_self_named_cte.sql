-- deps: orders, customers
-- columns: order_id, customer_id, order_date, status, segment
with orders as (
    select order_id, customer_id, order_date, lower(status) as status from orders
),
customers as (
    select customer_id, coalesce(segment, 'ukendt') as segment from customers
)
select orders.order_id, orders.customer_id, orders.order_date, orders.status, customers.segment
from orders
left join customers using (customer_id)

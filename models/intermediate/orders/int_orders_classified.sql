-- One row per accepted order, classified: a sale unless cancelled or refunded, bespoke when a
-- sale with at least one custom line, with its accepted lines summed. fct_orders and
-- int_orders_aggregated_to_customers both read it.
with

orders as (

    select business_id, order_id, customer_id, ordered_at, status, inquiry_id
    from {{ atelier.rebuilt(ref('int_orders_validated')) }}
    where rejection_code is null

),

order_lines as (

    select * from {{ atelier.rebuilt(ref('int_order_items_aggregated_to_orders')) }}

),

final as (

    select
        orders.business_id,
        orders.order_id,
        orders.customer_id,
        orders.ordered_at,
        orders.status,
        orders.inquiry_id,
        orders.status not in ('cancelled', 'refunded') as is_sale,
        coalesce(order_lines.n_custom_items, 0) > 0 as has_custom_line,
        orders.status not in ('cancelled', 'refunded')
        and coalesce(order_lines.n_custom_items, 0) > 0 as is_bespoke,
        coalesce(order_lines.n_lines, 0) as n_lines,
        coalesce(order_lines.n_items, 0) as n_items,
        coalesce(order_lines.net_amount, 0) as net_amount
    from orders
    left join order_lines
        on
            orders.business_id = order_lines.business_id
            and orders.order_id = order_lines.order_id

)

select * from final

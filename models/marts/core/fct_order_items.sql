with

order_items as (

    select business_id, order_item_id, order_id, is_custom_design, quantity, net_amount
    from {{ atelier.rebuilt(ref('int_order_items_validated')) }}
    where rejection_code is null

),

orders as (

    select business_id, order_id, customer_id, ordered_at, is_sale
    from {{ atelier.rebuilt(ref('fct_orders')) }}

),

final as (

    select
        order_items.business_id,
        order_items.order_item_id,
        order_items.order_id,
        orders.customer_id,
        orders.ordered_at,
        orders.is_sale,
        order_items.is_custom_design,
        order_items.quantity,
        order_items.net_amount
    from order_items
    inner join orders
        on
            order_items.business_id = orders.business_id
            and order_items.order_id = orders.order_id

)

select * from final

with

orders as (

    select * from {{ atelier.rebuilt(ref('int_orders_classified')) }}

),

final as (

    select
        business_id,
        order_id,
        customer_id,
        ordered_at,
        status,
        inquiry_id,
        is_sale,
        has_custom_line,
        is_bespoke,
        n_lines,
        n_items,
        net_amount
    from orders

)

select * from final

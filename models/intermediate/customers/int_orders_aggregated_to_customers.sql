-- One row per customer with at least one accepted order: first sale order, and first and
-- second bespoke orders (the second is the earliest bespoke order strictly after the first).
with

orders as (

    select business_id, customer_id, ordered_at, is_sale, is_bespoke
    from {{ atelier.rebuilt(ref('int_orders_classified')) }}

),

first_bespoke_found as (

    select
        *,
        min(case when is_bespoke then ordered_at end)
            over (partition by business_id, customer_id) as first_bespoke_order_at
    from orders

),

final as (

    select
        business_id,
        customer_id,
        count(*) as n_orders,
        count(case when is_sale then 1 end) as n_sale_orders,
        min(case when is_sale then ordered_at end) as first_order_at,
        min(first_bespoke_order_at) as first_bespoke_order_at,
        min(case when is_bespoke and ordered_at > first_bespoke_order_at then ordered_at end)
            as second_bespoke_order_at
    from first_bespoke_found
    group by business_id, customer_id

)

select * from final

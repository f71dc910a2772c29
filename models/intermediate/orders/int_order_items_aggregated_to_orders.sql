-- One row per order with accepted lines: its lines summed.
with

order_items as (

    select business_id, order_id, is_custom_design, quantity, net_amount
    from {{ atelier.rebuilt(ref('int_order_items_validated')) }}
    where rejection_code is null

),

final as (

    select
        business_id,
        order_id,
        count(*) as n_lines,
        cast(sum(quantity) as {{ dbt.type_bigint() }}) as n_items,
        cast(sum(case when is_custom_design then quantity else 0 end) as {{ dbt.type_bigint() }}) as n_custom_items,
        sum(net_amount) as net_amount
    from order_items
    group by business_id, order_id

)

select * from final

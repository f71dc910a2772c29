with

inquiries as (

    select business_id, inquiry_id, received_at, customer_id, channel
    from {{ atelier.rebuilt(ref('stg_exports__inquiries')) }}
    where rejection_code is null

),

sale_orders as (

    select business_id, inquiry_id
    from {{ atelier.rebuilt(ref('fct_orders')) }}
    where is_sale and inquiry_id is not null

),

sale_orders_aggregated_to_inquiries as (

    select business_id, inquiry_id, count(*) as n_sale_orders
    from sale_orders
    group by business_id, inquiry_id

),

final as (

    select
        inquiries.business_id,
        inquiries.inquiry_id,
        inquiries.received_at,
        inquiries.customer_id,
        inquiries.channel,
        coalesce(sale_orders_aggregated_to_inquiries.n_sale_orders, 0) as n_sale_orders,
        sale_orders_aggregated_to_inquiries.inquiry_id is not null as is_converted
    from inquiries
    left join sale_orders_aggregated_to_inquiries
        on
            inquiries.business_id = sale_orders_aggregated_to_inquiries.business_id
            and inquiries.inquiry_id = sale_orders_aggregated_to_inquiries.inquiry_id

)

select * from final

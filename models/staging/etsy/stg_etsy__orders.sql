-- One row per line of every Etsy orders download, as an order.
with

{{ atelier.stage_source(source('etsy', 'orders')) }},

checked as (

    select
        *,
        coalesce(buyer_user_id_text, full_name_text) as buyer_key_text,
        {{ atelier.source_rejection(source('etsy', 'orders')) }}
    from typed

),

final as (

    select
        business_id,
        'etsy_orders' as source_name,
        file_name,
        file_modified_ns,
        line_number,
        raw_record,
        order_id,
        {{ atelier.customer_key('buyer_key_text') }} as customer_id,
        sale_date as ordered_at,
        case
            when adjusted_net_order_amount <> 0 and adjusted_net_order_amount <= 0 then 'refunded'
            when date_shipped is not null then 'shipped'
            else 'placed'
        end as status,
        currency,
        case
            when rejection_code is not null then rejection_code
            when buyer_key_text is null then 'missing_value'
        end as rejection_code,
        case
            when rejection_code is not null then rejection_reason
            when buyer_key_text is null then 'Buyer User ID and Full Name are both empty: no customer'
        end as rejection_reason
    from checked

)

select * from final

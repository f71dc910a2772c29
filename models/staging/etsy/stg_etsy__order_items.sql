-- One row per line of every Etsy order-items download: the sold item as an order item, and
-- the order it belongs to as the first item row of the order shows it (used when no Etsy
-- orders download holds the order).
with

{{ atelier.stage_source(source('etsy', 'order_items')) }},

checked as (

    select
        *,
        row_number() over order_rows as order_row_position,
        sum(discount_amount) over order_rows_all as order_discount_amount,
        sum(quantity * price) over order_rows_all as order_lines_amount,
        {{ atelier.source_rejection(source('etsy', 'order_items'),
            ['transaction_id', 'order_id', 'item_name', 'quantity', 'price', 'discount_amount'],
            prefix='item_') }},
        {{ atelier.source_rejection(source('etsy', 'order_items'),
            ['order_id', 'sale_date', 'currency', 'date_shipped'],
            prefix='own_order_') }}
    from typed
    window
        order_rows as (partition by business_id, file_name, order_id order by line_number),
        order_rows_all as (partition by business_id, file_name, order_id)

),

mapped as (

    select
        *,
        quantity * price
        - {{ atelier.allocated_amount('coalesce(order_discount_amount, 0)', 'quantity * price', 'order_lines_amount') }}
            as mapped_net_amount,
        coalesce({{ atelier.regex_extract('buyer_text', '[(]([^()]*)[)]$', 1) }}, buyer_text) as buyer_key_text,
        case
            when position('personalization:' in lower(variations_text)) > 0
                then trim(substring(variations_text, position('personalization:' in lower(variations_text)) + 16))
        end as personalization_text
    from checked

),

final as (

    select
        business_id,
        'etsy_order_items' as source_name,
        file_name,
        file_modified_ns,
        line_number,
        raw_record,
        order_row_position = 1 as is_first_line_of_order,
        transaction_id as order_item_id,
        order_id,
        item_name as product_name,
        cast(quantity as {{ dbt.type_bigint() }}) as quantity,
        cast(mapped_net_amount as {{ atelier.type_decimal() }}) as net_amount,
        coalesce(
            personalization_text <> '' and personalization_text not like 'Not requested on this item%',
            false
        ) as has_personalization,
        {{ atelier.customer_key('buyer_key_text') }} as customer_id,
        sale_date as ordered_at,
        case when date_shipped is not null then 'shipped' else 'placed' end as status,
        currency,
        case
            when item_rejection_code is not null then item_rejection_code
            when mapped_net_amount < 0 then 'out_of_range'
        end as item_rejection_code,
        case
            when item_rejection_code is not null then item_rejection_reason
            when mapped_net_amount < 0
                then 'net amount ' || cast(mapped_net_amount as {{ dbt.type_string() }}) || ' (price x quantity less the order discount) is below 0'
        end as item_rejection_reason,
        case
            when own_order_rejection_code is not null then own_order_rejection_code
            when buyer_key_text is null then 'missing_value'
        end as order_rejection_code,
        case
            when own_order_rejection_code is not null then own_order_rejection_reason
            when buyer_key_text is null then 'Buyer is required on the first row of order ' || {{ atelier.in_quotes('order_id') }}
        end as order_rejection_reason
    from mapped

)

select * from final

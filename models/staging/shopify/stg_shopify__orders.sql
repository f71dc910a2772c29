-- One row per line of every Shopify orders download: the line as an order item, and the
-- order-level columns (written on the order's first line only) carried to every line.
with

{{ atelier.stage_source(source('shopify', 'orders')) }},

checked as (

    select
        *,
        row_number() over (
            partition by business_id, file_name, name order by line_number
        ) as line_position,
        sum(lineitem_quantity * lineitem_price) over (
            partition by business_id, file_name, name
        ) as order_lines_amount,
        {{ atelier.source_rejection(source('shopify', 'orders'),
            ['name', 'lineitem_quantity', 'lineitem_name', 'lineitem_price', 'lineitem_discount'],
            prefix='line_') }},
        {{ atelier.source_rejection(source('shopify', 'orders'),
            ['name', 'created_at', 'financial_status', 'fulfillment_status', 'currency', 'discount_amount'],
            prefix='own_order_') }}
    from typed

),

orders_carried as (

    select
        *,
        {%- for column in [
            'financial_status', 'fulfillment_status', 'currency', 'discount_amount',
            'cancelled_at_text', 'tags_text', 'source_text',
            'own_order_rejection_code', 'own_order_rejection_reason',
        ] %}
        first_value({{ column }}) over order_lines as order_{{ column }},
        {%- endfor %}
        first_value(coalesce(email_text, phone_text, billing_phone_text, billing_name_text))
            over order_lines as order_customer_text
    from checked
    window order_lines as (partition by business_id, file_name, name order by line_number)

),

mapped as (

    select
        *,
        lineitem_quantity * lineitem_price
        - coalesce(lineitem_discount, 0)
        - {{ atelier.allocated_amount('coalesce(order_discount_amount, 0)', 'lineitem_quantity * lineitem_price', 'order_lines_amount') }}
            as mapped_net_amount
    from orders_carried

),

final as (

    select
        business_id,
        'shopify_orders' as source_name,
        file_name,
        file_modified_ns,
        line_number,
        raw_record,
        line_position = 1 as is_first_line_of_order,
        name as order_id,
        {{ atelier.customer_key('order_customer_text') }} as customer_id,
        created_at as ordered_at,
        case
            when order_cancelled_at_text is not null or order_financial_status = 'voided' then 'cancelled'
            when order_financial_status = 'refunded' then 'refunded'
            when lower(order_fulfillment_status) = 'fulfilled' then 'completed'
            when lower(order_fulfillment_status) = 'partial' then 'in_production'
            else 'placed'
        end as status,
        {{ atelier.regex_extract('order_tags_text', '(?i)(^|,)\\s*inquiry:\\s*([^,]*[^,\\s])', 2) }} as inquiry_id,
        order_currency as currency,
        name || '-' || cast(line_position as {{ dbt.type_string() }}) as order_item_id,
        lineitem_name as product_name,
        cast(lineitem_quantity as {{ dbt.type_bigint() }}) as quantity,
        cast(mapped_net_amount as {{ atelier.type_decimal() }}) as net_amount,
        coalesce(lower(order_source_text) = 'shopify_draft_order', false) as is_draft_order,
        {{ atelier.regex_replace_all('lower(order_tags_text)', '\\s*,\\s*', ',') }} as order_tags,
        case
            when order_own_order_rejection_code is not null then order_own_order_rejection_code
            when order_financial_status is null then 'missing_value'
            when order_customer_text is null then 'missing_value'
        end as order_rejection_code,
        case
            when order_own_order_rejection_code is not null then order_own_order_rejection_reason
            when order_financial_status is null
                then 'Financial Status is required on the first row of order ' || {{ atelier.in_quotes('name') }}
            when order_customer_text is null
                then 'Email, Phone, Billing Phone and Billing Name are all empty on the first row of order ' || {{ atelier.in_quotes('name') }} || ': no customer'
        end as order_rejection_reason,
        case
            when line_rejection_code is not null then line_rejection_code
            when mapped_net_amount < 0 then 'out_of_range'
        end as item_rejection_code,
        case
            when line_rejection_code is not null then line_rejection_reason
            when mapped_net_amount < 0
                then 'net amount ' || cast(mapped_net_amount as {{ dbt.type_string() }}) || ' (price x quantity less discounts) is below 0'
        end as item_rejection_reason
    from mapped

)

select * from final

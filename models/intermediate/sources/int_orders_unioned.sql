-- One row per order row of every file feeding orders: orders.csv, the first line of each
-- order of a Shopify download, Etsy orders downloads, and the first item row of each Etsy
-- order that no Etsy orders download holds. An id repeated across files is kept once
-- (`reject_repeated_ids`).
with

exported as (

    select * from {{ atelier.rebuilt(ref('stg_exports__orders')) }}

),

shopify_lines as (

    select * from {{ atelier.rebuilt(ref('stg_shopify__orders')) }}
    where is_first_line_of_order

),

etsy_orders as (

    select * from {{ atelier.rebuilt(ref('stg_etsy__orders')) }}

),

etsy_item_lines as (

    select * from {{ atelier.rebuilt(ref('stg_etsy__order_items')) }}
    where is_first_line_of_order

),

orders_held_by_etsy_orders as (

    select distinct business_id, order_id
    from etsy_orders

),

etsy_orders_from_items as (

    select etsy_item_lines.*
    from etsy_item_lines
    left join orders_held_by_etsy_orders
        on
            etsy_item_lines.business_id = orders_held_by_etsy_orders.business_id
            and etsy_item_lines.order_id = orders_held_by_etsy_orders.order_id
    where orders_held_by_etsy_orders.order_id is null

),

unioned as (

    select {{ atelier.staged_columns('orders') | join(', ') }}, rejection_code, rejection_reason
    from exported

    union all

    select
        business_id, 'orders' as export_name, source_name, file_name, file_modified_ns,
        line_number, raw_record, order_id, customer_id, ordered_at, status, inquiry_id, currency,
        cast(null as {{ dbt.type_string() }}) as skip_code,
        order_rejection_code as rejection_code, order_rejection_reason as rejection_reason
    from shopify_lines

    union all

    select
        business_id, 'orders' as export_name, source_name, file_name, file_modified_ns,
        line_number, raw_record, order_id, customer_id, ordered_at, status,
        cast(null as {{ dbt.type_string() }}) as inquiry_id, currency,
        cast(null as {{ dbt.type_string() }}) as skip_code,
        rejection_code, rejection_reason
    from etsy_orders

    union all

    select
        business_id, 'orders' as export_name, source_name, file_name, file_modified_ns,
        line_number, raw_record, order_id, customer_id, ordered_at, status,
        cast(null as {{ dbt.type_string() }}) as inquiry_id, currency,
        cast(null as {{ dbt.type_string() }}) as skip_code,
        order_rejection_code as rejection_code, order_rejection_reason as rejection_reason
    from etsy_orders_from_items

),

final as (

    {{ atelier.reject_repeated_ids('orders', 'unioned', 'order_id') }}

)

select * from final

-- One row per order-line row of every file feeding order_items: order_items.csv and every
-- line of the Shopify and Etsy downloads (custom or not per the business's rules). An id
-- repeated across files is kept once (`reject_repeated_ids`).
with

exported as (

    select * from {{ atelier.rebuilt(ref('stg_exports__order_items')) }}

),

vendor_lines as (

    select * from {{ atelier.rebuilt(ref('int_vendor_order_lines_classified')) }}

),

unioned as (

    select {{ atelier.staged_columns('order_items') | join(', ') }}, rejection_code, rejection_reason
    from exported

    union all

    select
        business_id, 'order_items' as export_name, source_name, file_name, file_modified_ns,
        line_number, raw_record, order_item_id, order_id, product_name, is_custom_design,
        quantity, net_amount,
        cast(null as {{ dbt.type_string() }}) as skip_code,
        item_rejection_code as rejection_code, item_rejection_reason as rejection_reason
    from vendor_lines

),

final as (

    {{ atelier.reject_repeated_ids('order_items', 'unioned', 'order_item_id') }}

)

select * from final

-- One row per line of the Shopify and Etsy downloads, with `is_custom_design` decided by the
-- business's custom-design rules (sources.yml, or the defaults): a line is custom when any
-- enabled rule matches: a Shopify draft order, an Etsy personalisation, a keyword in the
-- product name (case-insensitive), or a Shopify order tag (whole tag, case-insensitive).
with

shopify_lines as (

    select
        business_id, source_name, file_name, file_modified_ns, line_number, raw_record,
        order_item_id, order_id, product_name, quantity, net_amount,
        is_draft_order, false as has_personalization, order_tags,
        item_rejection_code, item_rejection_reason
    from {{ atelier.rebuilt(ref('stg_shopify__orders')) }}

),

etsy_lines as (

    select
        business_id, source_name, file_name, file_modified_ns, line_number, raw_record,
        order_item_id, order_id, product_name, quantity, net_amount,
        false as is_draft_order, has_personalization,
        cast(null as {{ dbt.type_string() }}) as order_tags,
        item_rejection_code, item_rejection_reason
    from {{ atelier.rebuilt(ref('stg_etsy__order_items')) }}

),

settings as (

    select business_id, setting, setting_value
    from {{ atelier.rebuilt(ref('stg_settings__business_settings')) }}

),

lines_unioned as (

    select * from shopify_lines
    union all
    select * from etsy_lines

),

switches as (

    select
        business_id,
        max(case when setting = 'custom_design.draft_orders' then setting_value end) = 'true' as uses_draft_orders,
        max(case when setting = 'custom_design.personalization' then setting_value end) = 'true' as uses_personalization
    from settings
    group by business_id

),

lines_matching_a_word as (

    select distinct
        lines_unioned.business_id,
        lines_unioned.file_name,
        lines_unioned.line_number
    from lines_unioned
    inner join settings
        on lines_unioned.business_id = settings.business_id
    where
        (
            settings.setting = 'custom_design.keyword'
            and position(lower(settings.setting_value) in lower(lines_unioned.product_name)) > 0
        )
        or (
            settings.setting = 'custom_design.tag'
            and position(',' || lower(settings.setting_value) || ',' in ',' || lines_unioned.order_tags || ',') > 0
        )

),

final as (

    select
        lines_unioned.*,
        coalesce(switches.uses_draft_orders and lines_unioned.is_draft_order, false)
        or coalesce(switches.uses_personalization and lines_unioned.has_personalization, false)
        or lines_matching_a_word.line_number is not null
            as is_custom_design
    from lines_unioned
    left join switches
        on lines_unioned.business_id = switches.business_id
    left join lines_matching_a_word
        on
            lines_unioned.business_id = lines_matching_a_word.business_id
            and lines_unioned.file_name = lines_matching_a_word.file_name
            and lines_unioned.line_number = lines_matching_a_word.line_number

)

select * from final

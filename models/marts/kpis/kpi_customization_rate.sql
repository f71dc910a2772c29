-- Customization rate: quantity of custom lines of sale orders / quantity of all their lines x 100.
with

sale_lines as (

    select business_id, ordered_at, quantity, is_custom_design
    from {{ ref('fct_order_items') }}
    where is_sale

),

{{ atelier.kpi_from_events(
    'customization_rate',
    events='sale_lines',
    period_timestamp='ordered_at',
    numerator="sum(case when is_custom_design then quantity else 0 end)",
    denominator='sum(quantity)',
    multiplier=100,
) }}

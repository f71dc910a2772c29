-- Average transaction value for custom designs: revenue of custom lines of sale orders / custom pieces sold.
with

custom_lines as (

    select business_id, ordered_at, quantity, net_amount
    from {{ ref('fct_order_items') }}
    where is_sale and is_custom_design

),

{{ atelier.kpi_from_events(
    'avg_transaction_value',
    events='custom_lines',
    period_timestamp='ordered_at',
    numerator="sum(net_amount)",
    denominator='sum(quantity)',
) }}

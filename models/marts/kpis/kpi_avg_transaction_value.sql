-- Average transaction value for custom designs: revenue of custom lines of sale orders / custom pieces sold.
{{ config(tags=['jewelry']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

custom_lines as (

    select business_id, ordered_at, quantity, net_amount
    from {{ atelier.rebuilt(ref('fct_order_items')) }}
    where is_sale and is_custom_design

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'avg_transaction_value',
    events='custom_lines',
    spine='spine',
    period_timestamp='ordered_at',
    numerator="sum(net_amount)",
    denominator='sum(quantity)',
) }}

-- Customization rate: quantity of custom lines of sale orders / quantity of all their lines x 100.
{{ config(tags=['accessories']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

sale_lines as (

    select business_id, ordered_at, quantity, is_custom_design
    from {{ atelier.rebuilt(ref('fct_order_items')) }}
    where is_sale

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'customization_rate',
    events='sale_lines',
    spine='spine',
    period_timestamp='ordered_at',
    numerator="sum(case when is_custom_design then quantity else 0 end)",
    denominator='sum(quantity)',
    multiplier=100,
) }}

-- Design collaboration conversion rate (3D accessories article):
-- collaborations converted (a sale order references them) / collaborations initiated x 100,
-- a design collaboration being an inquiry (inquiries.csv).
-- kpi_custom_design_conversion_rate is the jewelry article's rate, on the same facts.
{{ config(tags=['accessories']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

collaborations as (

    select business_id, received_at as initiated_at, is_converted
    from {{ atelier.rebuilt(ref('fct_inquiries')) }}

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'design_collaboration_conversion_rate',
    events='collaborations',
    spine='spine',
    period_timestamp='initiated_at',
    numerator='sum(case when is_converted then 1 else 0 end)',
    denominator='count(*)',
    multiplier=100,
) }}

-- Custom design conversion rate (jewelry article):
-- inquiries converted (a sale order references them) / inquiries received x 100.
-- kpi_design_collaboration_conversion_rate is the 3D accessories article's rate, on the same facts.
{{ config(tags=['jewelry']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

inquiries as (

    select business_id, received_at, is_converted
    from {{ atelier.rebuilt(ref('fct_inquiries')) }}

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'custom_design_conversion_rate',
    events='inquiries',
    spine='spine',
    period_timestamp='received_at',
    numerator='sum(case when is_converted then 1 else 0 end)',
    denominator='count(*)',
    multiplier=100,
) }}

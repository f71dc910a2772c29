-- Bespoke retention rate: cohort customers with another bespoke order within the window / customers whose first bespoke order is in the period x 100.
{{ config(tags=['jewelry']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

bespoke_cohort as (

    select
        business_id,
        first_bespoke_order_at,
        second_bespoke_order_at is not null
        and second_bespoke_order_at
        <= {{ dbt.dateadd('day', var('retention_window_days'), 'first_bespoke_order_at') }}
            as is_retained
    from {{ atelier.rebuilt(ref('dim_customers')) }}
    where first_bespoke_order_at is not null

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'bespoke_retention_rate',
    events='bespoke_cohort',
    spine='spine',
    period_timestamp='first_bespoke_order_at',
    numerator="sum(case when is_retained then 1 else 0 end)",
    denominator='count(*)',
    multiplier=100,
    lag_days=var('retention_window_days'),
) }}

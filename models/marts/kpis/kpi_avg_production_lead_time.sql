-- Average production lead time: hours from design start to completion of the jobs completed in the period / items they produced.
-- Whole seconds are summed before turning into hours, so the numerator is exact.
{{ config(tags=['accessories']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

completed_jobs as (

    select business_id, completed_at, lead_time_seconds, quantity
    from {{ atelier.rebuilt(ref('fct_production_jobs')) }}
    where is_completed

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'avg_production_lead_time',
    events='completed_jobs',
    spine='spine',
    period_timestamp='completed_at',
    numerator="cast(sum(lead_time_seconds) as " ~ atelier.type_double() ~ ") / 3600",
    denominator='sum(quantity)',
) }}

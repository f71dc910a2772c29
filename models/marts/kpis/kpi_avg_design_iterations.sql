-- Average design iterations: iterations of the projects finalized in the period (none counts 0) / projects finalized.
{{ config(tags=['jewelry']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

finalized_projects as (

    select business_id, finalized_at, n_iterations
    from {{ atelier.rebuilt(ref('fct_design_projects')) }}
    where is_finalized

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'avg_design_iterations',
    events='finalized_projects',
    spine='spine',
    period_timestamp='finalized_at',
    numerator="sum(n_iterations)",
    denominator='count(*)',
) }}

-- Average design iterations: iterations of the projects finalized in the period (none counts 0) / projects finalized.
with

finalized_projects as (

    select business_id, finalized_at, n_iterations
    from {{ ref('fct_design_projects') }}
    where is_finalized

),

{{ atelier.kpi_from_events(
    'avg_design_iterations',
    events='finalized_projects',
    period_timestamp='finalized_at',
    numerator="sum(n_iterations)",
    denominator='count(*)',
) }}

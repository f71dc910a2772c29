-- Average production lead time: hours from design start to completion of the jobs completed in the period / items they produced.
with

completed_jobs as (

    select business_id, completed_at, lead_time_hours, quantity
    from {{ ref('fct_production_jobs') }}
    where is_completed

),

{{ atelier.kpi_from_events(
    'avg_production_lead_time',
    events='completed_jobs',
    period_timestamp='completed_at',
    numerator="sum(lead_time_hours)",
    denominator='sum(quantity)',
) }}

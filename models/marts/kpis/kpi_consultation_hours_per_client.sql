-- Consultation hours per client: consultation minutes / 60 / distinct clients consulted.
with

consultations as (

    select business_id, customer_id, started_at, duration_minutes
    from {{ ref('fct_consultations') }}

),

{{ atelier.kpi_from_events(
    'consultation_hours_per_client',
    events='consultations',
    period_timestamp='started_at',
    numerator="sum(duration_minutes) / 60.0",
    denominator='count(distinct customer_id)',
) }}

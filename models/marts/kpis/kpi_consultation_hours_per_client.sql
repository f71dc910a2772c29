-- Consultation hours per client: consultation minutes / 60 / distinct clients consulted.
{{ config(tags=['jewelry']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

consultations as (

    select business_id, customer_id, started_at, duration_minutes
    from {{ atelier.rebuilt(ref('fct_consultations')) }}

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'consultation_hours_per_client',
    events='consultations',
    spine='spine',
    period_timestamp='started_at',
    numerator="cast(sum(duration_minutes) as " ~ atelier.type_double() ~ ") / 60",
    denominator='count(distinct customer_id)',
) }}

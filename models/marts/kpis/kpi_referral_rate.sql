-- Referral rate: new customers referred by a known customer / new customers (first sale order in the period) x 100.
{{ config(tags=['jewelry']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

new_customers as (

    select business_id, first_order_at, is_referred_by_known_customer
    from {{ atelier.rebuilt(ref('dim_customers')) }}
    where first_order_at is not null

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'referral_rate',
    events='new_customers',
    spine='spine',
    period_timestamp='first_order_at',
    numerator="sum(case when is_referred_by_known_customer then 1 else 0 end)",
    denominator='count(*)',
    multiplier=100,
) }}

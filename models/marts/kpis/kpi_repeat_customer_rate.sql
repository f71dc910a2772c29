-- Repeat customer rate: customers with 2 or more sale orders in the period / customers with 1 or more x 100.
{{ config(tags=['accessories']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

sale_orders as (

    select business_id, customer_id, ordered_at
    from {{ atelier.rebuilt(ref('fct_orders')) }}
    where is_sale

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

orders_in_periods as (

    {{ atelier.assign_periods('sale_orders', 'ordered_at') }}

),

orders_counted_to_customers as (

    select business_id, period_grain, period_start, customer_id, count(*) as n_sale_orders
    from orders_in_periods
    group by business_id, period_grain, period_start, customer_id

),

customers_counted_to_periods as (

    select
        business_id,
        period_grain,
        period_start,
        sum(case when n_sale_orders >= 2 then 1 else 0 end) as numerator,
        count(*) as denominator
    from orders_counted_to_customers
    group by business_id, period_grain, period_start

),

on_spine as (

    {{ atelier.join_to_spine('customers_counted_to_periods', 'spine') }}

),

final as (

    {{ atelier.kpi_values('on_spine', 'repeat_customer_rate', multiplier=100) }}

)

select * from final

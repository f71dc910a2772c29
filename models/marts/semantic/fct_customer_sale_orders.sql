-- One row per sale order, with how many sale orders its customer placed in the same calendar
-- month, quarter and year: the repeat customer rate's numerator ("customers with 2 or more
-- sale orders in the period") is a count of customers whose count in the period is >= 2, a
-- nested aggregation MetricFlow cannot do per queried grain (DECISIONLOG.md, "Semantic layer").
with

sale_orders as (

    select business_id, order_id, customer_id, ordered_at
    from {{ atelier.rebuilt(ref('fct_orders')) }}
    where is_sale

),

final as (

    select
        business_id,
        order_id,
        customer_id,
        ordered_at,
        count(*) over (
            partition by business_id, customer_id, {{ dbt.date_trunc('month', 'ordered_at') }}
        ) as n_customer_sale_orders_in_month,
        count(*) over (
            partition by business_id, customer_id, {{ dbt.date_trunc('quarter', 'ordered_at') }}
        ) as n_customer_sale_orders_in_quarter,
        count(*) over (
            partition by business_id, customer_id, {{ dbt.date_trunc('year', 'ordered_at') }}
        ) as n_customer_sale_orders_in_year
    from sale_orders

)

select * from final

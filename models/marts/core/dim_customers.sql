with

listed_customers as (

    select business_id, customer_id, created_at, acquisition_channel, referred_by_customer_id
    from {{ atelier.rebuilt(ref('stg_exports__customers')) }}
    where rejection_code is null

),

customer_orders as (

    select * from {{ atelier.rebuilt(ref('int_orders_aggregated_to_customers')) }}

),

customers_unioned as (

    select
        business_id, customer_id, created_at, acquisition_channel, referred_by_customer_id,
        false as is_inferred
    from listed_customers

    union all

    select
        customer_orders.business_id,
        customer_orders.customer_id,
        cast(null as {{ dbt.type_timestamp() }}) as created_at,
        cast(null as {{ dbt.type_string() }}) as acquisition_channel,
        cast(null as {{ dbt.type_string() }}) as referred_by_customer_id,
        true as is_inferred
    from customer_orders
    left join listed_customers
        on
            customer_orders.business_id = listed_customers.business_id
            and customer_orders.customer_id = listed_customers.customer_id
    where listed_customers.customer_id is null

),

referrers_found as (

    select
        customers_unioned.*,
        referrers.customer_id is not null as is_referred_by_known_customer
    from customers_unioned
    left join customers_unioned as referrers
        on
            customers_unioned.business_id = referrers.business_id
            and customers_unioned.referred_by_customer_id = referrers.customer_id
            and customers_unioned.customer_id <> referrers.customer_id

),

final as (

    select
        referrers_found.business_id,
        referrers_found.customer_id,
        referrers_found.is_inferred,
        referrers_found.created_at,
        referrers_found.acquisition_channel,
        referrers_found.referred_by_customer_id,
        referrers_found.is_referred_by_known_customer,
        coalesce(customer_orders.n_orders, 0) as n_orders,
        coalesce(customer_orders.n_sale_orders, 0) as n_sale_orders,
        customer_orders.first_order_at,
        customer_orders.first_bespoke_order_at,
        customer_orders.second_bespoke_order_at
    from referrers_found
    left join customer_orders
        on
            referrers_found.business_id = customer_orders.business_id
            and referrers_found.customer_id = customer_orders.customer_id

)

select * from final

-- Orders of every file after the rule that needs the registry: an order's currency, when given, must be
-- its business's currency. Staging's own rejections pass through unchanged.
with

orders as (

    select * from {{ atelier.rebuilt(ref('int_orders_unioned')) }}

),

businesses as (

    select business_id, currency as business_currency
    from {{ atelier.rebuilt(ref('stg_exports__businesses')) }}

),

currency_compared as (

    select
        orders.*,
        businesses.business_currency
    from orders
    left join businesses
        on orders.business_id = businesses.business_id

),

final as (

    select
        {{ atelier.add_rejection(
            'orders',
            condition="currency is not null and upper(currency) <> upper(business_currency)",
            code="'currency_mismatch'",
            message="'currency ' || " ~ atelier.in_quotes('currency') ~ " || ' is not the business currency ' || " ~ atelier.in_quotes('business_currency'),
        ) }}
    from currency_compared

)

select * from final

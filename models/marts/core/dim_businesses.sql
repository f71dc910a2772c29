with

businesses as (

    select business_id, business_name, vertical, currency
    from {{ atelier.rebuilt(ref('stg_exports__businesses')) }}
    where rejection_code is null

),

final as (

    select * from businesses

)

select * from final

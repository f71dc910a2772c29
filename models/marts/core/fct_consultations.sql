with

consultations as (

    select business_id, consultation_id, customer_id, started_at, duration_minutes
    from {{ atelier.rebuilt(ref('int_consultations_unioned')) }}
    where rejection_code is null and skip_code is null

),

final as (

    select
        *,
        cast(duration_minutes as {{ atelier.type_double() }}) / 60 as duration_hours
    from consultations

)

select * from final

with

production_jobs as (

    select business_id, job_id, order_item_id, design_started_at, completed_at, quantity
    from {{ atelier.rebuilt(ref('stg_exports__production_jobs')) }}
    where rejection_code is null

),

final as (

    select
        *,
        completed_at is not null as is_completed,
        {{ dbt.datediff('design_started_at', 'completed_at', 'second') }} as lead_time_seconds,
        cast({{ dbt.datediff('design_started_at', 'completed_at', 'second') }} as {{ atelier.type_double() }}) / 3600 as lead_time_hours
    from production_jobs

)

select * from final

with

material_usage as (

    select business_id, usage_id, used_at, material, is_eco_friendly, quantity_kg, job_id
    from {{ ref('stg_exports__material_usage') }}
    where rejection_code is null

),

final as (

    select * from material_usage

)

select * from final

with

material_usage as (

    select business_id, usage_id, used_at, material, is_eco_friendly, quantity_kg, job_id
    from {{ atelier.rebuilt(ref('int_material_usage_unioned')) }}
    where rejection_code is null and skip_code is null

),

final as (

    select * from material_usage

)

select * from final

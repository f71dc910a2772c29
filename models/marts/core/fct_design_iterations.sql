with

design_iterations as (

    select business_id, iteration_id, project_id, iteration_number, created_at
    from {{ atelier.rebuilt(ref('int_design_iterations_validated')) }}
    where rejection_code is null

),

final as (

    select * from design_iterations

)

select * from final

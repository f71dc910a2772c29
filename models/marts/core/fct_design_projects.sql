with

design_projects as (

    select business_id, project_id, customer_id, inquiry_id, started_at, status, finalized_at
    from {{ atelier.rebuilt(ref('stg_exports__design_projects')) }}
    where rejection_code is null

),

iterations_aggregated_to_projects as (

    select business_id, project_id, count(*) as n_iterations
    from {{ atelier.rebuilt(ref('fct_design_iterations')) }}
    group by business_id, project_id

),

final as (

    select
        design_projects.business_id,
        design_projects.project_id,
        design_projects.customer_id,
        design_projects.inquiry_id,
        design_projects.started_at,
        design_projects.status,
        design_projects.finalized_at,
        design_projects.status = 'finalized' as is_finalized,
        coalesce(iterations_aggregated_to_projects.n_iterations, 0) as n_iterations
    from design_projects
    left join iterations_aggregated_to_projects
        on
            design_projects.business_id = iterations_aggregated_to_projects.business_id
            and design_projects.project_id = iterations_aggregated_to_projects.project_id

)

select * from final

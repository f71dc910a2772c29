-- One row per business with accepted rows: its earliest and latest timestamps over every
-- timestamp column of every export, and its as-of date (the date of the latest). Reads the
-- accepted rows of each export's checked model (the rows of its fact or dimension:
-- tests/assert_rows_conserved.sql), so the spine sits below the marts.
with

customers as (

    select business_id, created_at
    from {{ atelier.rebuilt(ref('stg_exports__customers')) }}
    where rejection_code is null and skip_code is null

),

orders as (

    select business_id, ordered_at
    from {{ atelier.rebuilt(ref('int_orders_validated')) }}
    where rejection_code is null and skip_code is null

),

inquiries as (

    select business_id, received_at
    from {{ atelier.rebuilt(ref('stg_exports__inquiries')) }}
    where rejection_code is null and skip_code is null

),

design_projects as (

    select business_id, started_at, finalized_at
    from {{ atelier.rebuilt(ref('stg_exports__design_projects')) }}
    where rejection_code is null and skip_code is null

),

design_iterations as (

    select business_id, created_at
    from {{ atelier.rebuilt(ref('int_design_iterations_validated')) }}
    where rejection_code is null and skip_code is null

),

consultations as (

    select business_id, started_at
    from {{ atelier.rebuilt(ref('int_consultations_unioned')) }}
    where rejection_code is null and skip_code is null

),

survey_responses as (

    select business_id, responded_at
    from {{ atelier.rebuilt(ref('int_surveys_unioned')) }}
    where rejection_code is null and skip_code is null

),

production_jobs as (

    select business_id, design_started_at, completed_at
    from {{ atelier.rebuilt(ref('stg_exports__production_jobs')) }}
    where rejection_code is null and skip_code is null

),

material_usage as (

    select business_id, used_at
    from {{ atelier.rebuilt(ref('int_material_usage_unioned')) }}
    where rejection_code is null and skip_code is null

),

social_engagement as (

    select business_id, engagement_date
    from {{ atelier.rebuilt(ref('stg_exports__social_engagement')) }}
    where rejection_code is null and skip_code is null

),

timestamps_unioned as (

    select business_id, created_at as activity_at from customers
    union all
    select business_id, ordered_at from orders
    union all
    select business_id, received_at from inquiries
    union all
    select business_id, started_at from design_projects
    union all
    select business_id, finalized_at from design_projects
    union all
    select business_id, created_at from design_iterations
    union all
    select business_id, started_at from consultations
    union all
    select business_id, responded_at from survey_responses
    union all
    select business_id, design_started_at from production_jobs
    union all
    select business_id, completed_at from production_jobs
    union all
    select business_id, used_at from material_usage
    union all
    select business_id, cast(engagement_date as {{ dbt.type_timestamp() }}) from social_engagement

),

final as (

    select
        business_id,
        min(activity_at) as first_activity_at,
        max(activity_at) as last_activity_at,
        cast(max(activity_at) as date) as as_of_date
    from timestamps_unioned
    where activity_at is not null
    group by business_id

)

select * from final

-- One row per business with accepted rows: its earliest and latest timestamps over every
-- timestamp column of every export, and its as-of date (the date of the latest).
with

timestamps_unioned as (

    select business_id, created_at as activity_at from {{ ref('dim_customers') }}
    union all
    select business_id, ordered_at from {{ ref('fct_orders') }}
    union all
    select business_id, received_at from {{ ref('fct_inquiries') }}
    union all
    select business_id, started_at from {{ ref('fct_design_projects') }}
    union all
    select business_id, finalized_at from {{ ref('fct_design_projects') }}
    union all
    select business_id, created_at from {{ ref('fct_design_iterations') }}
    union all
    select business_id, started_at from {{ ref('fct_consultations') }}
    union all
    select business_id, responded_at from {{ ref('fct_survey_responses') }}
    union all
    select business_id, design_started_at from {{ ref('fct_production_jobs') }}
    union all
    select business_id, completed_at from {{ ref('fct_production_jobs') }}
    union all
    select business_id, used_at from {{ ref('fct_material_usage') }}
    union all
    select business_id, cast(engagement_date as {{ dbt.type_timestamp() }}) from {{ ref('fct_social_engagement') }}

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

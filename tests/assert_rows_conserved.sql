-- Nothing lost: for every business and export, the accepted rows counted by the audit are
-- exactly the rows of the export's fact (the rest are in audit.rejected_rows).
with

facts_counted as (

    select business_id, 'businesses' as export_name, count(*) as n_fact_rows
    from {{ ref('dim_businesses') }} group by 1
    union all
    select business_id, 'customers', count(*) from {{ ref('dim_customers') }} where not is_inferred group by 1
    union all
    select business_id, 'orders', count(*) from {{ ref('fct_orders') }} group by 1
    union all
    select business_id, 'order_items', count(*) from {{ ref('fct_order_items') }} group by 1
    union all
    select business_id, 'inquiries', count(*) from {{ ref('fct_inquiries') }} group by 1
    union all
    select business_id, 'design_projects', count(*) from {{ ref('fct_design_projects') }} group by 1
    union all
    select business_id, 'design_iterations', count(*) from {{ ref('fct_design_iterations') }} group by 1
    union all
    select business_id, 'consultations', count(*) from {{ ref('fct_consultations') }} group by 1
    union all
    select business_id, 'surveys', count(*) from {{ ref('fct_survey_responses') }} group by 1
    union all
    select business_id, 'production_jobs', count(*) from {{ ref('fct_production_jobs') }} group by 1
    union all
    select business_id, 'material_usage', count(*) from {{ ref('fct_material_usage') }} group by 1
    union all
    select business_id, 'social_engagement', count(*) from {{ ref('fct_social_engagement') }} group by 1

),

rejected_counted as (

    select business_id, export_name, count(*) as n_rejected
    from {{ ref('rejected_rows') }}
    group by business_id, export_name

),

audit_counts as (

    select * from {{ ref('export_row_counts') }}

)

select
    audit_counts.*,
    coalesce(facts_counted.n_fact_rows, 0) as n_fact_rows,
    coalesce(rejected_counted.n_rejected, 0) as n_rejected
from audit_counts
left join facts_counted
    on audit_counts.business_id = facts_counted.business_id
    and audit_counts.export_name = facts_counted.export_name
left join rejected_counted
    on audit_counts.business_id = rejected_counted.business_id
    and audit_counts.export_name = rejected_counted.export_name
where audit_counts.rows_accepted <> coalesce(facts_counted.n_fact_rows, 0)
    or audit_counts.rows_rejected <> coalesce(rejected_counted.n_rejected, 0)
    or audit_counts.rows_read <> audit_counts.rows_accepted + audit_counts.rows_rejected

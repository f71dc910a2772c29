-- Nothing lost: every record of every file read is counted once by the audit (rows_read is
-- the raw table's record count of that file, and rows_read = accepted + rejected + skipped),
-- every rejected record is in audit.rejected_rows, and for every business and export the
-- accepted rows of its checked model are exactly the rows of its fact.
{%- set raw_tables = [] %}
{%- for node in graph.sources.values() if node.meta.get('plugin') == 'atelier_exports' and node.source_name != 'settings' %}
    {%- do raw_tables.append(node) %}
{%- endfor %}
with

raw_records_counted as (

    {%- for node in raw_tables %}
    select business_id, '{{ node.identifier }}' as export_name, file_name, count(*) as n_raw_records
    from {{ source(node.source_name, node.name) }}
    group by business_id, file_name
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

rejected_counted as (

    select business_id, export_name, file_name, count(*) as n_rejected
    from {{ ref('rejected_rows') }}
    group by business_id, export_name, file_name

),

audit_counts as (

    select * from {{ ref('export_row_counts') }}

),

files_unbalanced as (

    select
        coalesce(audit_counts.business_id, raw_records_counted.business_id) as business_id,
        coalesce(audit_counts.export_name, raw_records_counted.export_name) as export_name,
        coalesce(audit_counts.file_name, raw_records_counted.file_name) as file_name,
        'file' as checked_grain
    from audit_counts
    full outer join raw_records_counted
        on audit_counts.business_id = raw_records_counted.business_id
        and audit_counts.export_name = raw_records_counted.export_name
        and audit_counts.file_name = raw_records_counted.file_name
    left join rejected_counted
        on audit_counts.business_id = rejected_counted.business_id
        and audit_counts.export_name = rejected_counted.export_name
        and audit_counts.file_name = rejected_counted.file_name
    where audit_counts.rows_read is null
        or raw_records_counted.n_raw_records is null
        or audit_counts.rows_read <> raw_records_counted.n_raw_records
        or audit_counts.rows_read <> audit_counts.rows_accepted + audit_counts.rows_rejected + audit_counts.rows_skipped
        or audit_counts.rows_rejected <> coalesce(rejected_counted.n_rejected, 0)

),

accepted_counted as (

    {%- for export_name, checked in atelier.checked_exports().items() %}
    select business_id, '{{ export_name }}' as export_name, count(*) as n_accepted
    from {{ checked }}
    where rejection_code is null and skip_code is null
    group by business_id
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

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

exports_unbalanced as (

    select
        coalesce(accepted_counted.business_id, facts_counted.business_id) as business_id,
        coalesce(accepted_counted.export_name, facts_counted.export_name) as export_name,
        cast(null as {{ dbt.type_string() }}) as file_name,
        'export' as checked_grain
    from accepted_counted
    full outer join facts_counted
        on accepted_counted.business_id = facts_counted.business_id
        and accepted_counted.export_name = facts_counted.export_name
    where coalesce(accepted_counted.n_accepted, 0) <> coalesce(facts_counted.n_fact_rows, 0)

)

select * from files_unbalanced
union all
select * from exports_unbalanced

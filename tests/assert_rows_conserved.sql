-- Nothing lost: every record of every file read is counted once by the audit (rows_read is
-- the raw table's record count of that file, and rows_read = accepted + rejected + skipped),
-- every rejected record is in audit.rejected_rows, and for every business and export the
-- accepted rows of its checked model are exactly the rows of its fact.
{#- The fact (or dimension) holding each export's accepted rows; `where` keeps the rows that
    came from the export. The one hand list of facts: exports_unlisted below fails naming an
    export of the contract missing here or in checked_exports. -#}
{%- set export_facts = {
    'businesses': {'relation': ref('dim_businesses'), 'where': none},
    'customers': {'relation': ref('dim_customers'), 'where': 'not is_inferred'},
    'orders': {'relation': ref('fct_orders'), 'where': none},
    'order_items': {'relation': ref('fct_order_items'), 'where': none},
    'inquiries': {'relation': ref('fct_inquiries'), 'where': none},
    'design_projects': {'relation': ref('fct_design_projects'), 'where': none},
    'design_iterations': {'relation': ref('fct_design_iterations'), 'where': none},
    'consultations': {'relation': ref('fct_consultations'), 'where': none},
    'surveys': {'relation': ref('fct_survey_responses'), 'where': none},
    'production_jobs': {'relation': ref('fct_production_jobs'), 'where': none},
    'material_usage': {'relation': ref('fct_material_usage'), 'where': none},
    'social_engagement': {'relation': ref('fct_social_engagement'), 'where': none},
} %}
{%- set checked_exports = atelier.checked_exports() %}
{%- set contract_exports = [] %}
{%- for node in graph.sources.values() if node.source_name == 'exports' %}
{%- do contract_exports.append(node.name) %}
{%- endfor %}
{%- set raw_tables = [] %}
{%- for node in graph.sources.values() if node.meta.get('plugin') == 'atelier_exports' and node.source_name != 'settings' %}
{%- do raw_tables.append(node) %}
{%- endfor %}
with

raw_records_counted as (

    {%- for node in raw_tables %}
    select business_id, '{{ node.identifier }}' as export_name, file_name, count(*) as n_raw_records
    {#- the table the source's load wrote this run (a source() call here would read the files again) #}
    from {{ api.Relation.create(database=node.database, schema=node.schema, identifier=node.identifier) }}
    where {{ atelier.in_rebuilt_businesses() }}
    group by business_id, file_name
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

rejected_counted as (

    select business_id, export_name, file_name, count(*) as n_rejected
    from {{ ref('rejected_rows') }}
    where {{ atelier.in_rebuilt_businesses() }}
    group by business_id, export_name, file_name

),

audit_counts as (

    select * from {{ ref('export_row_counts') }}
    where {{ atelier.in_rebuilt_businesses() }}

),

files_unbalanced as (

    select
        coalesce(audit_counts.business_id, raw_records_counted.business_id) as business_id,
        coalesce(audit_counts.export_name, raw_records_counted.export_name) as export_name,
        coalesce(audit_counts.file_name, raw_records_counted.file_name) as file_name,
        'file' as checked_grain
    from audit_counts
    full outer join raw_records_counted
        on
            audit_counts.business_id = raw_records_counted.business_id
            and audit_counts.export_name = raw_records_counted.export_name
            and audit_counts.file_name = raw_records_counted.file_name
    left join rejected_counted
        on
            audit_counts.business_id = rejected_counted.business_id
            and audit_counts.export_name = rejected_counted.export_name
            and audit_counts.file_name = rejected_counted.file_name
    where
        audit_counts.rows_read is null
        or raw_records_counted.n_raw_records is null
        or audit_counts.rows_read <> raw_records_counted.n_raw_records
        or audit_counts.rows_read <> audit_counts.rows_accepted + audit_counts.rows_rejected + audit_counts.rows_skipped
        or audit_counts.rows_rejected <> coalesce(rejected_counted.n_rejected, 0)

),

accepted_counted as (

    {%- for export_name, checked in checked_exports.items() %}
    select business_id, '{{ export_name }}' as export_name, count(*) as n_accepted
    from {{ checked }}
    where rejection_code is null and skip_code is null and {{ atelier.in_rebuilt_businesses() }}
    group by business_id
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

facts_counted as (

    {%- for export_name, fact in export_facts.items() %}
    select business_id, '{{ export_name }}' as export_name, count(*) as n_fact_rows
    from {{ fact.relation }}
    where {{ atelier.in_rebuilt_businesses() }}{% if fact.where %} and {{ fact.where }}{% endif %}
    group by business_id
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

-- An export half-added: in the contract (source `exports`) but missing from
-- macros/audit/checked_exports.sql or from export_facts above, or listed there and not in the
-- contract. export_name names it; checked_grain says which list lacks it.
exports_unlisted as (

    select
        cast(null as {{ dbt.type_string() }}) as business_id,
        cast(null as {{ dbt.type_string() }}) as export_name,
        cast(null as {{ dbt.type_string() }}) as file_name,
        cast(null as {{ dbt.type_string() }}) as checked_grain
    where 1 = 0
    {%- for export_name in contract_exports if export_name not in checked_exports %}
    union all
    select null, '{{ export_name }}', null, 'export in the contract without a checked model in macros/audit/checked_exports.sql'
    {%- endfor %}
    {%- for export_name in contract_exports if export_name not in export_facts %}
    union all
    select null, '{{ export_name }}', null, 'export in the contract without its fact in tests/assert_rows_conserved.sql (export_facts)'
    {%- endfor %}
    {%- for export_name in (checked_exports.keys() | list) + (export_facts.keys() | list) if execute and export_name not in contract_exports %}
    union all
    select null, '{{ export_name }}', null, 'listed export not in the contract (models/staging/exports/_exports__sources.yml)'
    {%- endfor %}

),

exports_unbalanced as (

    select
        coalesce(accepted_counted.business_id, facts_counted.business_id) as business_id,
        coalesce(accepted_counted.export_name, facts_counted.export_name) as export_name,
        cast(null as {{ dbt.type_string() }}) as file_name,
        'export' as checked_grain
    from accepted_counted
    full outer join facts_counted
        on
            accepted_counted.business_id = facts_counted.business_id
            and accepted_counted.export_name = facts_counted.export_name
    where coalesce(accepted_counted.n_accepted, 0) <> coalesce(facts_counted.n_fact_rows, 0)

)

select * from files_unbalanced
union all
select * from exports_unbalanced
union all
select * from exports_unlisted

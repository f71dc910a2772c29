{#- The whole staging model of one export, generated from its contract in the sources file.
    One row per record of the export's files: the typed columns (personal ones dropped; a
    customer id holding `@` replaced by its key, `customer_key`), the file and line,
    `raw_record`, `skip_code` (always null: only vendor rows are skipped), and `rejection_code` / `rejection_reason` for the first rule
    the record breaks (null when it breaks none). Rules, in the order they are checked:
    malformed record, then per column in contract order: required, present_when, parse,
    enum, range (min, min_exclusive, whole number, max_column, not_before); last the
    duplicate id (the last record of the file holding an id wins). -#}
{% macro stage_export(export_name) -%}
{%- set relation = source('exports', export_name) -%}
{#- business_id is the folder name, except in the registry, where it is the column itself -#}
{%- set all_columns = atelier.contract_columns(export_name) -%}
{%- set columns = all_columns | rejectattr('name', 'equalto', 'business_id') | list -%}
{%- set primary_key = atelier.contract_table_meta(export_name).get('primary_key') -%}
{%- set rules = atelier.contract_rules(columns) -%}

with

source as (

    select * from {{ relation }}

),

trimmed as (

    select
        nullif(trim(business_id), '') as business_id,
        file_name,
        file_modified_ns,
        line_number,
        field_separator,
        record_error,
        {{ atelier.raw_record(all_columns) }} as raw_record,
        {%- for column in columns %}
        nullif(trim({{ column.name }}), '') as {{ column.name }}_text{{ "," if not loop.last }}
        {%- endfor %}
    from source

),

typed as (

    select
        *,
        {%- for column in columns if not column.meta.get('personal') %}
        {%- if column.meta.get('customer_key') %}
        {{ atelier.customer_key(column.name ~ '_text', only_emails=true) }} as {{ column.name }}{{ "," if not loop.last }}
        {%- else %}
        {{ atelier.parse_value(column.name ~ '_text', column.meta.type) }} as {{ column.name }}{{ "," if not loop.last }}
        {%- endif %}
        {%- endfor %}
    from trimmed

),

duplicates_flagged as (

    select
        *,
        {%- if primary_key %}
        row_number() over (
            partition by business_id, {{ primary_key }}
            order by line_number desc
        ) > 1 and {{ primary_key }} is not null as is_superseded
        {%- else %}
        false as is_superseded
        {%- endif %}
    from typed

),

final as (

    select
        business_id,
        '{{ export_name }}' as export_name,
        '{{ export_name }}' as source_name,
        file_name,
        file_modified_ns,
        line_number,
        raw_record,
        {%- for column in columns if not column.meta.get('personal') %}
        {%- if column.meta.type == 'integer' %}
        cast({{ column.name }} as {{ dbt.type_bigint() }}) as {{ column.name }},
        {%- else %}
        {{ column.name }},
        {%- endif %}
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as skip_code,
        case
            {%- for rule in rules %}
            when {{ rule.condition }} then '{{ rule.code }}'
            {%- endfor %}
            when is_superseded then 'duplicate_id'
        end as rejection_code,
        case
            {%- for rule in rules %}
            when {{ rule.condition }} then {{ rule.message }}
            {%- endfor %}
            {%- if primary_key %}
            when is_superseded then '{{ primary_key }} ' || {{ atelier.in_quotes(primary_key) }} || ' appears again later in the file; the last row wins'
            {%- endif %}
        end as rejection_reason
    from duplicates_flagged

)

select * from final
{%- endmacro %}

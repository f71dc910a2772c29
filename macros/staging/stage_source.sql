{#- The first CTEs of a vendor source's staging model, generated from its contract (the
    source's YAML in models/staging/<system>/): `source`, `trimmed` (each column's text,
    trimmed, empty or the source's missing marker as null, as `<column>_text`; the raw record
    as JSON), `normalized` (vendor timestamps rewritten as ISO text) and `typed` (each
    column typed per its `type`, under its own name). The model goes on from `typed`, maps the
    vendor's columns onto the canonical ones and checks them with `source_rejection`. -#}
{% macro stage_source(relation) -%}
{%- set columns = atelier.vendor_columns(relation) -%}
{%- set marker = atelier.vendor_table_meta(relation).get('missing_marker') -%}
source as (

    select * from {{ relation }}

),

trimmed as (

    select
        business_id,
        file_name,
        file_modified_ns,
        line_number,
        field_separator,
        record_error,
        {{ atelier.raw_record(columns) }} as raw_record,
        {%- for column in columns %}
        {%- if marker %}
        nullif(nullif(trim({{ column.name }}), ''), '{{ marker }}') as {{ column.name }}_text{{ "," if not loop.last }}
        {%- else %}
        nullif(trim({{ column.name }}), '') as {{ column.name }}_text{{ "," if not loop.last }}
        {%- endif %}
        {%- endfor %}
    from source

),

normalized as (

    select
        *
        {%- for column in columns if column.meta.type.endswith(('_timestamp', '_date')) %},
        {{ atelier.vendor_timestamp_text(column.name ~ '_text', column.meta.type) }} as {{ column.name }}_iso
        {%- endfor %}
    from trimmed

),

typed as (

    select
        *
        {%- for column in columns %},
        {%- if column.meta.type.endswith(('_timestamp', '_date')) %}
        {{ atelier.parse_timestamp(column.name ~ '_iso') }} as {{ column.name }}
        {%- else %}
        {{ atelier.parse_value(column.name ~ '_text', column.meta.type) }} as {{ column.name }}
        {%- endif %}
        {%- endfor %}
    from normalized

)
{%- endmacro %}

{#- The contract columns of a vendor source table, found by the relation's identifier. -#}
{% macro vendor_columns(relation) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return(atelier.vendor_node(relation).columns.values() | list) }}
{%- endmacro %}

{#- The `meta` of a vendor source table (feeds, missing_marker). -#}
{% macro vendor_table_meta(relation) -%}
    {%- if not execute -%}
        {{ return({}) }}
    {%- endif -%}
    {{ return(atelier.vendor_node(relation).meta) }}
{%- endmacro %}

{% macro vendor_node(relation) -%}
    {%- for node in graph.sources.values() if node.identifier == relation.identifier -%}
        {{ return(node) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("no source table with identifier " ~ relation.identifier) }}
{%- endmacro %}

{#- The first rule of the named contract columns (all when `column_names` is none) that a row
    of `typed` breaks, as `<prefix>rejection_code` and `<prefix>rejection_reason` (null when it
    breaks none); `malformed_record` is always checked first. -#}
{% macro source_rejection(relation, column_names=none, prefix='') -%}
    {%- set columns = [] -%}
    {%- for column in atelier.vendor_columns(relation) -%}
        {%- if column_names is none or column.name in column_names -%}
            {%- do columns.append(column) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set rules = atelier.contract_rules(columns) -%}
    case
        {%- for rule in rules %}
        when {{ rule.condition }} then '{{ rule.code }}'
        {%- endfor %}
    end as {{ prefix }}rejection_code,
    case
        {%- for rule in rules %}
        when {{ rule.condition }} then {{ rule.message }}
        {%- endfor %}
    end as {{ prefix }}rejection_reason
{%- endmacro %}

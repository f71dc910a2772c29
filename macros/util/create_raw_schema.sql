{#- On DuckDB the plugin loads exports into schema raw from several threads at once; creating
    the schema first avoids DuckDB's write-write conflict between those threads. Elsewhere
    `atelier load` owns raw, so this does nothing. -#}
{% macro create_raw_schema() -%}
    {%- if target.type == 'duckdb' -%}
        create schema if not exists {{ source('exports', 'businesses').schema }}
    {%- endif -%}
{%- endmacro %}

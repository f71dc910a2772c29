{#- On DuckDB the plugin loads exports into schema raw from several threads at once; creating
    the schema first avoids DuckDB's write-write conflict between those threads (and the
    plan's tables, macros/util/check_exports_folder.sql, live there). Elsewhere
    `atelier load` owns raw, so this does nothing. The schema is read from the graph: a
    `source()` call here would read the exports. -#}
{% macro create_raw_schema() -%}
    {%- if execute and target.type == 'duckdb' -%}
        {%- set schemas = graph.sources.values() | selectattr('source_name', 'equalto', 'exports') | map(attribute='schema') | list -%}
        create schema if not exists {{ schemas[0] if schemas else 'raw' }}
    {%- endif -%}
{%- endmacro %}

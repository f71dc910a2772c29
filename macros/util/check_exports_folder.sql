{#- The first `on-run-start` hook: every structural check of the exports folder, once, before
    any model reads it (`atelier.reader.check_exports_folder`, registered on the DuckDB
    connection by the plugin atelier/dbt_plugin.py). A fault stops the run here with its one
    line, naming the path and what to do. Elsewhere `atelier load` runs the same check, so
    this does nothing. -#}
{% macro check_exports_folder() -%}
    {%- if execute and target.type == 'duckdb' -%}
        {%- set sql = "select atelier_check_exports_folder(" ~ dbt.string_literal(var('exports_path')) ~ ")" -%}
        {%- set fault = run_query(sql).columns[0].values()[0] -%}
        {%- if fault -%}
            {{ exceptions.raise_compiler_error(fault) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- dbt's `should_full_refresh`, and also true when this run rebuilds every business
    (`plan_is_full`, macros/incremental/rebuilt.sql): a first build, --full-refresh or a
    change to the project then creates each incremental model afresh, as fast as a table,
    instead of deleting and inserting every row. -#}
{% macro should_full_refresh() -%}
    {%- set config_full_refresh = config.get('full_refresh') -%}
    {%- if config_full_refresh is none -%}
        {%- set config_full_refresh = flags.FULL_REFRESH -%}
    {%- endif -%}
    {%- if not config_full_refresh and model is defined and model.get('resource_type') == 'model' and config.get('materialized') == 'incremental' -%}
        {%- set config_full_refresh = atelier.plan_is_full() -%}
    {%- endif -%}
    {{ return(config_full_refresh) }}
{%- endmacro %}

{#- Schemas are exactly staging, intermediate, marts, audit: no target prefix, so an
    analyst's SQL client sees marts.kpi_scorecard on every warehouse. On PostgreSQL and Spark
    dbt builds the marts into the shadow schema marts__next, which the on-run-end hook swaps in
    for marts after a successful `dbt build` (macros/warehouse/publish_warehouse.sql). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set schema = (custom_schema_name or target.schema) | trim -%}
    {%- if schema == 'marts' and target.type in ('postgres', 'spark') -%}
        {{ atelier.publish_shadow_schema() }}
    {%- else -%}
        {{ schema }}
    {%- endif -%}
{%- endmacro %}

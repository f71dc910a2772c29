{#- Schemas are exactly staging, intermediate, marts, audit: no target prefix, so an
    analyst's SQL client sees marts.kpi_scorecard on every warehouse. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}

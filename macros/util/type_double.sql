{#- An 8-byte floating type. dbt.type_float() is FLOAT, which DuckDB reads as 4 bytes. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'atelier')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{#- A JSON object text {"column": "value", ...} of the named text columns: the raw record
    as read, for the audit. -#}
{% macro json_text_object(column_names) -%}
    {{ return(adapter.dispatch('json_text_object', 'atelier')(column_names)) }}
{%- endmacro %}

{% macro default__json_text_object(column_names) -%}
    cast(json_build_object(
        {%- for name in column_names %}
        '{{ name }}', {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    ) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__json_text_object(column_names) -%}
    cast(json_object(
        {%- for name in column_names %}
        '{{ name }}', {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    ) as {{ dbt.type_string() }})
{%- endmacro %}

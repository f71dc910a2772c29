{#- A JSON object text {"column": "value", ...} of the named text columns: the raw record
    as read, for the audit. `expressions` optionally maps a column name to the SQL text
    expression written under that name instead of the column itself. -#}
{% macro json_text_object(column_names, expressions={}) -%}
    {{ return(adapter.dispatch('json_text_object', 'atelier')(column_names, expressions)) }}
{%- endmacro %}

{% macro default__json_text_object(column_names, expressions={}) -%}
    cast(json_build_object(
        {%- for name in column_names %}
        '{{ name }}', {{ expressions.get(name, name) }}{{ "," if not loop.last }}
        {%- endfor %}
    ) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__json_text_object(column_names, expressions={}) -%}
    cast(json_object(
        {%- for name in column_names %}
        '{{ name }}', {{ expressions.get(name, name) }}{{ "," if not loop.last }}
        {%- endfor %}
    ) as {{ dbt.type_string() }})
{%- endmacro %}

{#- Spark's to_json takes no scalar: each value is written as a one-element JSON array, whose
    brackets are cut off (`["a\"b"]` -> `"a\"b"`, `[null]` -> `null`). -#}
{% macro spark__json_text_object(column_names, expressions={}) -%}
    concat('{',
        {%- for name in column_names %}
        '{{ "," if not loop.first }}"{{ name }}":', {{ atelier.spark__json_text_value("(" ~ expressions.get(name, name) ~ ")") }},
        {%- endfor %}
    '}')
{%- endmacro %}

{% macro spark__json_text_value(expression) -%}
    substring(to_json(array(cast({{ expression }} as string))), 2, length(to_json(array(cast({{ expression }} as string)))) - 2)
{%- endmacro %}

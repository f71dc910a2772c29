{#- SQL text literals written once for every warehouse.

    text_literal(value)   a string literal holding `value` exactly: quotes doubled (`''`) on
        DuckDB and PostgreSQL; on Spark, whose literals escape with a backslash, `\'` and `\\`.
    in_quotes(expression) the text of `expression` between single quotes, for rejection
        reasons: currency 'EUR' is not ... -#}
{% macro text_literal(value) -%}
    {{ return(adapter.dispatch('text_literal', 'atelier')(value)) }}
{%- endmacro %}

{% macro default__text_literal(value) -%}
    '{{ value | replace("'", "''") }}'
{%- endmacro %}

{% macro spark__text_literal(value) -%}
    '{{ value | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}

{% macro in_quotes(expression) -%}
    {{ atelier.text_literal("'") }} || {{ expression }} || {{ atelier.text_literal("'") }}
{%- endmacro %}

{#- The exact decimal type of parsed amounts, kilograms, minutes and scores: 38 digits, 15 of
    them after the point (dbt.type_numeric() keeps only 6, which rounds 0.1234567 kg). The
    parser accepts at most 15 digits before the point, leaving room for sums. -#}
{% macro type_decimal() -%}
    {{ return(adapter.dispatch('type_decimal', 'atelier')()) }}
{%- endmacro %}

{% macro default__type_decimal() -%}
    numeric(38, 15)
{%- endmacro %}

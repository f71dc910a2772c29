{#- The text matched by capture group `group` of the regular expression `pattern` in
    `expression`, or null when it does not match (an empty match is null too). -#}
{% macro regex_extract(expression, pattern, group) -%}
    {{ return(adapter.dispatch('regex_extract', 'atelier')(expression, pattern, group)) }}
{%- endmacro %}

{% macro default__regex_extract(expression, pattern, group) -%}
    nullif((regexp_match({{ expression }}, {{ atelier.text_literal(pattern) }}))[{{ group }}], '')
{%- endmacro %}

{#- DuckDB and Spark: regexp_extract gives '' when the text does not match. -#}
{% macro duckdb__regex_extract(expression, pattern, group) -%}
    nullif(regexp_extract({{ expression }}, {{ atelier.text_literal(pattern) }}, {{ group }}), '')
{%- endmacro %}

{% macro spark__regex_extract(expression, pattern, group) -%}
    {{ atelier.duckdb__regex_extract(expression, pattern, group) }}
{%- endmacro %}

{#- `expression` with every match of `pattern` replaced by `replacement`. -#}
{% macro regex_replace_all(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all', 'atelier')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ atelier.text_literal(pattern) }}, {{ atelier.text_literal(replacement) }}, 'g')
{%- endmacro %}

{#- Spark replaces every match; its fourth argument is a start position, not flags. -#}
{% macro spark__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ atelier.text_literal(pattern) }}, {{ atelier.text_literal(replacement) }})
{%- endmacro %}

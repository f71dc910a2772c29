{#- The text matched by capture group `group` of the regular expression `pattern` in
    `expression`, or null when it does not match (an empty match is null too). -#}
{% macro regex_extract(expression, pattern, group) -%}
    {{ return(adapter.dispatch('regex_extract', 'atelier')(expression, pattern, group)) }}
{%- endmacro %}

{% macro default__regex_extract(expression, pattern, group) -%}
    nullif((regexp_match({{ expression }}, '{{ pattern }}'))[{{ group }}], '')
{%- endmacro %}

{% macro duckdb__regex_extract(expression, pattern, group) -%}
    nullif(regexp_extract({{ expression }}, '{{ pattern }}', {{ group }}), '')
{%- endmacro %}

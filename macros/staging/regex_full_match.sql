{#- True when the whole of `expression` matches the regular expression `pattern` (written as
    POSIX, Python and Java read it alike: the project's patterns use no engine's extensions). -#}
{% macro regex_full_match(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match', 'atelier')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_full_match(expression, pattern) -%}
    ({{ expression }} ~ {{ atelier.text_literal('^(?:' ~ pattern ~ ')$') }})
{%- endmacro %}

{% macro duckdb__regex_full_match(expression, pattern) -%}
    regexp_full_match({{ expression }}, {{ atelier.text_literal(pattern) }})
{%- endmacro %}

{% macro spark__regex_full_match(expression, pattern) -%}
    ({{ expression }} rlike {{ atelier.text_literal('^(?:' ~ pattern ~ ')$') }})
{%- endmacro %}

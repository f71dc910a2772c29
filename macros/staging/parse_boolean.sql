{#- A boolean from true/false, t/f, yes/no, y/n, 1/0 in any case; null otherwise. -#}
{% macro parse_boolean(text) -%}
    case
        when lower({{ text }}) in ('true', 't', 'yes', 'y', '1') then true
        when lower({{ text }}) in ('false', 'f', 'no', 'n', '0') then false
    end
{%- endmacro %}

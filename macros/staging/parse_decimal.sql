{#- An exact decimal from `12`, `12.5`, `-0.5`, `.5`; `12,5` too when the row's file is
    semicolon-separated. Null for anything else (thousands separators, exponents, text). -#}
{% macro parse_decimal(text, separator='field_separator') -%}
    {%- set normalized -%}
        case when {{ separator }} = ';' then replace({{ text }}, ',', '.') else {{ text }} end
    {%- endset -%}
    case
        when {{ atelier.regex_full_match(normalized, '[+-]?([0-9]{1,15}([.][0-9]*)?|[.][0-9]+)') }}
            then cast({{ normalized }} as {{ atelier.type_decimal() }})
    end
{%- endmacro %}

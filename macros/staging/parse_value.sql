{#- Typed value of a trimmed text field per the contract's `type`; null when it does not parse.
    Integers come out as decimals, so that `2.5` is reported as not whole, not as unparseable;
    staging casts them to bigint once the whole-number rule has passed.
    `separator` is the row's field_separator column: a decimal comma is read only in
    semicolon-separated files. -#}
{% macro parse_value(text, type, separator='field_separator') -%}
    {%- if type in ('id', 'text', 'enum') -%}
        {{ text }}
    {%- elif type == 'timestamp' -%}
        {{ atelier.parse_timestamp(text) }}
    {%- elif type == 'boolean' -%}
        {{ atelier.parse_boolean(text) }}
    {%- elif type in ('decimal', 'integer') -%}
        {{ atelier.parse_decimal(text, separator) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown contract type '" ~ type ~ "'") }}
    {%- endif -%}
{%- endmacro %}

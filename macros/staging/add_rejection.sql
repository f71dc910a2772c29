{#- The select list that adds one more rule to rows already checked by staging: a row not yet
    rejected that meets `condition` is rejected with the SQL expressions `code` and `message`.
    An earlier rejection always wins, so every row keeps its first reason. -#}
{% macro add_rejection(export_name, condition, code, message) -%}
    {%- for name in atelier.staged_columns(export_name) %}
    {{ name }},
    {%- endfor %}
    case
        when rejection_code is not null then rejection_code
        when {{ condition }} then {{ code }}
    end as rejection_code,
    case
        when rejection_code is not null then rejection_reason
        when {{ condition }} then {{ message }}
    end as rejection_reason
{%- endmacro %}

{#- The expected form of a value of contract `type`, in words, for rejection reasons (and the
    validation report, which reads the same var): "a date like 2025-03-01 or 2025-03-01 14:30".
    The forms are the `value_forms` var of dbt_project.yml, their one definition. Plain text:
    write it into SQL with `text_literal`. -#}
{% macro value_form(type) -%}
    {%- set forms = var('value_forms') -%}
    {%- if type not in forms -%}
        {{ exceptions.raise_compiler_error("no value form for type '" ~ type ~ "' in var value_forms") }}
    {%- endif -%}
    {{ return(forms[type]) }}
{%- endmacro %}

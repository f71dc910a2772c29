{#- The audit's raw record of a row: a JSON object of the contract columns' text as read,
    personal columns left out (an email, a name, a phone never reaches the audit) and a
    customer id holding `@` written as its key (`customer_key`), so that the published audit
    holds no personal field while a rejected row stays recognisable by its other values and
    its line number. -#}
{% macro raw_record(columns) -%}
    {%- set names = [] -%}
    {%- set expressions = {} -%}
    {%- for column in columns if not column.meta.get('personal') -%}
        {%- do names.append(column.name) -%}
        {%- if column.meta.get('customer_key') -%}
            {%- do expressions.update({column.name: atelier.customer_key(column.name, only_emails=true)}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ atelier.json_text_object(names, expressions) }}
{%- endmacro %}

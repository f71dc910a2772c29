{#- A pseudonymous customer key: `c_` and the first 16 hex digits of the md5 of the text
    lower-cased and trimmed. With `only_emails`, a text without `@` is kept as it is (the
    rule for the contract's customer ids: an email becomes its key, any other id stays). -#}
{% macro customer_key(text, only_emails=false) -%}
    {%- set key = "'c_' || substring(" ~ dbt.hash("lower(trim(" ~ text ~ "))") ~ ", 1, 16)" -%}
    {%- if only_emails -%}
        case when {{ text }} like '%@%' then {{ key }} else {{ text }} end
    {%- else -%}
        case when {{ text }} is not null then {{ key }} end
    {%- endif -%}
{%- endmacro %}

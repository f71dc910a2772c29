{#- Names of the columns a staging model of `export_name` carries before its rejection
    columns: business_id, export_name, line_number, raw_record and the contract's
    non-personal columns. -#}
{% macro staged_columns(export_name) -%}
    {%- set names = ['business_id', 'export_name', 'line_number', 'raw_record'] -%}
    {%- for column in atelier.contract_columns(export_name) -%}
        {%- if column.name != 'business_id' and not column.meta.get('personal') -%}
            {%- do names.append(column.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

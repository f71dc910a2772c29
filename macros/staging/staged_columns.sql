{#- Names of the columns every checked model of `export_name` carries before its rejection
    columns (its staging model, the union of its files, the models adding cross-export
    rules): business_id, export_name, source_name (the export, or the vendor source of the
    row's file), file_name, file_modified_ns, line_number, raw_record, the contract's
    non-personal columns and skip_code. -#}
{% macro staged_columns(export_name) -%}
    {%- set names = [
        'business_id', 'export_name', 'source_name', 'file_name', 'file_modified_ns',
        'line_number', 'raw_record',
    ] -%}
    {%- for column in atelier.contract_columns(export_name) -%}
        {%- if column.name != 'business_id' and not column.meta.get('personal') -%}
            {%- do names.append(column.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do names.append('skip_code') -%}
    {{ return(names) }}
{%- endmacro %}

{#- The row-level rules of an export's (or a vendor source's) contract, in the order they are
    checked: a list of {condition, code, message}, each a SQL expression over the staging CTE
    `typed` (typed columns, and the trimmed text as `<column>_text`). Codes are stable;
    messages name the column (as the file's header names it), the value and, for a value that
    does not parse, the expected form (`value_form`). -#}
{% macro contract_rules(columns) -%}
    {%- set rules = [{
        'condition': 'record_error is not null',
        'code': 'malformed_record',
        'message': 'record_error',
    }] -%}
    {%- for column in columns -%}
        {%- set meta = column.meta -%}
        {%- set name = column.name -%}
        {%- set label = meta.get('header') or name -%}
        {%- set text = name ~ '_text' -%}
        {%- set quoted = atelier.in_quotes(text) -%}
        {%- if meta.get('required') -%}
            {%- do rules.append({
                'condition': text ~ ' is null',
                'code': 'missing_value',
                'message': "'" ~ label ~ " is required'",
            }) -%}
        {%- endif -%}
        {%- if meta.get('present_when') -%}
            {%- set other = meta.present_when.column ~ '_text' -%}
            {%- set expected = meta.present_when.equals -%}
            {%- do rules.append({
                'condition': other ~ " = '" ~ expected ~ "' and " ~ text ~ ' is null',
                'code': 'missing_value',
                'message': "'" ~ label ~ " is required when " ~ meta.present_when.column ~ " is " ~ expected ~ "'",
            }) -%}
            {%- do rules.append({
                'condition': 'coalesce(' ~ other ~ ", '') <> '" ~ expected ~ "' and " ~ text ~ ' is not null',
                'code': 'unexpected_value',
                'message': "'" ~ label ~ " ' || " ~ quoted ~ " || ' must be empty unless " ~ meta.present_when.column ~ " is " ~ expected ~ "'",
            }) -%}
        {%- endif -%}
        {%- if meta.type in ('timestamp', 'boolean', 'decimal', 'integer') or meta.type.endswith(('_timestamp', '_date')) -%}
            {%- do rules.append({
                'condition': text ~ ' is not null and ' ~ name ~ ' is null',
                'code': 'unparseable',
                'message': "'" ~ label ~ " ' || " ~ quoted ~ " || ' is not ' || " ~ atelier.text_literal(atelier.value_form(meta.type)),
            }) -%}
        {%- endif -%}
        {%- if meta.type == 'enum' -%}
            {%- do rules.append({
                'condition': name ~ " not in ('" ~ meta['values'] | join("', '") ~ "')",
                'code': 'unknown_value',
                'message': "'" ~ label ~ " ' || " ~ quoted ~ " || ' is not one of: " ~ meta['values'] | join(', ') ~ "'",
            }) -%}
        {%- endif -%}
        {%- if meta.get('min') is not none -%}
            {%- do rules.append({
                'condition': name ~ ' < ' ~ meta.min,
                'code': 'out_of_range',
                'message': "'" ~ label ~ " ' || " ~ text ~ " || ' is below " ~ meta.min ~ "'",
            }) -%}
        {%- endif -%}
        {%- if meta.get('min_exclusive') is not none -%}
            {%- do rules.append({
                'condition': name ~ ' <= ' ~ meta.min_exclusive,
                'code': 'out_of_range',
                'message': "'" ~ label ~ " ' || " ~ text ~ " || ' must be above " ~ meta.min_exclusive ~ "'",
            }) -%}
        {%- endif -%}
        {%- if meta.type == 'integer' -%}
            {%- do rules.append({
                'condition': name ~ ' <> floor(' ~ name ~ ')',
                'code': 'out_of_range',
                'message': "'" ~ label ~ " ' || " ~ text ~ " || ' is not a whole number'",
            }) -%}
        {%- endif -%}
        {%- if meta.get('max_column') -%}
            {%- do rules.append({
                'condition': name ~ ' > ' ~ meta.max_column,
                'code': 'out_of_range',
                'message': "'" ~ label ~ " ' || " ~ text ~ " || ' is above " ~ meta.max_column ~ " ' || " ~ meta.max_column ~ "_text",
            }) -%}
        {%- endif -%}
        {%- if meta.get('not_before') -%}
            {%- do rules.append({
                'condition': name ~ ' < ' ~ meta.not_before,
                'code': 'out_of_range',
                'message': "'" ~ label ~ " ' || " ~ text ~ " || ' is before " ~ meta.not_before ~ " ' || " ~ meta.not_before ~ "_text",
            }) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(rules) }}
{%- endmacro %}

{#- The SQL-free `on-run-end` hook that prints, at the end of a build, the rejected rows as a
    table of counts per business, file and rejection code (details in audit.rejected_rows),
    so that an on-call engineer sees what was kept out without opening the warehouse.
    Prints nothing when nothing was rejected or the audit was not built in this run. -#}
{% macro report_rejections(results) -%}
    {%- set built = results | selectattr('node.name', 'equalto', 'rejected_rows') | selectattr('status', 'equalto', 'success') | list -%}
    {%- if execute and built and (built[0].node and adapter.get_relation(database=built[0].node.database, schema=built[0].node.schema, identifier=built[0].node.alias)) -%}
        {%- set node = built[0].node -%}
        {%- set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) -%}
        {%- set counted = run_query(
            "select business_id, export_name || ' ' || file_name, rejection_code, count(*)"
            ~ " from " ~ relation
            ~ " group by business_id, export_name, file_name, rejection_code"
            ~ " order by business_id, export_name, file_name, rejection_code"
        ) -%}
        {%- if counted.rows | length > 0 -%}
            {%- set header = ['business', 'file', 'rejection_code', 'rows'] -%}
            {%- set lines = [header] -%}
            {%- for row in counted.rows -%}
                {%- do lines.append([row[0] | string, row[1] | string, row[2] | string, row[3] | string]) -%}
            {%- endfor -%}
            {%- set widths = [] -%}
            {%- for i in range(4) -%}
                {%- do widths.append(lines | map(attribute=i) | map('length') | max) -%}
            {%- endfor -%}
            {{ log("Rows kept out of the facts (details: audit.rejected_rows):", info=true) }}
            {%- for line in lines -%}
                {{ log("  " ~ line[0].ljust(widths[0]) ~ "  " ~ line[1].ljust(widths[1]) ~ "  " ~ line[2].ljust(widths[2]) ~ "  " ~ line[3].rjust(widths[3]), info=true) }}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

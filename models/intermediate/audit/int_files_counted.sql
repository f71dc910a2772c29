-- One row per file read: its records (lines holding a record). A line of an export file is
-- one row of its export; a line of a vendor download can be a row of two exports (a Shopify
-- line is an order item and, on an order's first line, the order), so there the distinct
-- lines of all exports are counted.
{%- set checked_exports = atelier.checked_exports() %}
with

export_rows_counted as (

    {%- for export_name, checked in checked_exports.items() %}
    select business_id, source_name, file_name, count(*) as rows_read
    from {{ atelier.rebuilt(checked) }}
    where source_name = '{{ export_name }}'
    group by business_id, source_name, file_name
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

download_lines as (

    {%- for export_name, checked in checked_exports.items() %}
    select business_id, source_name, file_name, line_number
    from {{ atelier.rebuilt(checked) }}
    where source_name <> '{{ export_name }}'
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

download_lines_counted as (

    select business_id, source_name, file_name, count(distinct line_number) as rows_read
    from download_lines
    group by business_id, source_name, file_name

),

final as (

    select business_id, source_name as export_name, file_name, rows_read
    from export_rows_counted
    union all
    select business_id, source_name as export_name, file_name, rows_read
    from download_lines_counted

)

select * from final

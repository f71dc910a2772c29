{#- The select list that applies the repeated-id rule across every file feeding an export
    (docs/exports.md, "Repeated ids") to `relation`, a CTE of the export's checked columns
    (`staged_columns`) and rejection columns: among the rows of a business holding the same
    `key`, the row of the most recently modified file wins (ties: the file name that sorts
    last), and within a file the last row; every other row not yet rejected or skipped is
    rejected as `duplicate_id`, naming the winning file and line. Skipped rows take no part. -#}
{% macro reject_repeated_ids(export_name, relation, key) -%}
with

ranked as (

    select
        *,
        first_value(file_name) over latest_first as winning_file_name,
        first_value(line_number) over latest_first as winning_line_number,
        row_number() over latest_first as rank_from_latest
    from {{ relation }}
    where skip_code is null and {{ key }} is not null
    window latest_first as (
        partition by business_id, {{ key }}
        order by file_modified_ns desc, file_name desc, line_number desc
    )

),

not_ranked as (

    select
        *,
        cast(null as {{ dbt.type_string() }}) as winning_file_name,
        cast(null as {{ dbt.type_bigint() }}) as winning_line_number,
        cast(1 as {{ dbt.type_bigint() }}) as rank_from_latest
    from {{ relation }}
    where skip_code is not null or {{ key }} is null

),

all_rows as (

    select * from ranked
    union all
    select * from not_ranked

)

select
    {{ atelier.add_rejection(
        export_name,
        condition="rank_from_latest > 1",
        code="'duplicate_id'",
        message="'" ~ key ~ " ' || " ~ atelier.in_quotes(key) ~ " || ' appears again in ' || winning_file_name || ' line ' || cast(winning_line_number as " ~ dbt.type_string() ~ ") || ', which wins (the newest file, then the last row)'",
    ) }}
from all_rows
{%- endmacro %}

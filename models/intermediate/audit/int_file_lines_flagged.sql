-- One row per record (file line) of every file read that is not accepted: skipped or
-- rejected, with its first reason. A line of a vendor download can feed two exports (a
-- Shopify line is an order item and, on an order's first line, the order): it is skipped
-- when skipped, else rejected when any of its rows is (the order's reason first, in the
-- order of `checked_exports`). Accepted lines are only counted (int_files_counted): the
-- audit never copies the rows that went into the facts.
with

rows_flagged as (

    {%- for export_name, checked in atelier.checked_exports().items() %}
    select
        business_id,
        source_name,
        file_name,
        line_number,
        raw_record,
        rejection_code,
        rejection_reason,
        skip_code,
        {{ loop.index }} as export_order
    from {{ atelier.rebuilt(checked) }}
    where rejection_code is not null or skip_code is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

rows_ranked as (

    select
        *,
        row_number() over (
            partition by business_id, source_name, file_name, line_number
            order by case when skip_code is not null then 0 else 1 end, export_order
        ) as outcome_rank
    from rows_flagged

),

final as (

    select
        business_id,
        source_name as export_name,
        file_name,
        line_number,
        raw_record,
        case when skip_code is not null then 'skipped' else 'rejected' end as outcome,
        case when skip_code is null then rejection_code end as rejection_code,
        case when skip_code is null then rejection_code || ': ' || rejection_reason end as reason,
        skip_code
    from rows_ranked
    where outcome_rank = 1

)

select * from final

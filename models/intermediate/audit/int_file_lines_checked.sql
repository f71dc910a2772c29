-- One row per record (file line) of every file read: its outcome (accepted, rejected or
-- skipped) and, when rejected, the first reason. A line of a vendor download can feed two
-- exports (a Shopify line is an order item and, on an order's first line, the order): it is
-- skipped when skipped, else rejected when any of its rows is (the order's reason first, in
-- the order of `checked_exports`), else accepted.
with

rows_checked as (

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
    from {{ checked }}
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
            order by
                case when skip_code is not null then 0 when rejection_code is not null then 1 else 2 end,
                export_order
        ) as outcome_rank
    from rows_checked

),

final as (

    select
        business_id,
        source_name as export_name,
        file_name,
        line_number,
        raw_record,
        case
            when skip_code is not null then 'skipped'
            when rejection_code is not null then 'rejected'
            else 'accepted'
        end as outcome,
        case when skip_code is null then rejection_code end as rejection_code,
        case when skip_code is null then rejection_code || ': ' || rejection_reason end as reason,
        skip_code
    from rows_ranked
    where outcome_rank = 1

)

select * from final

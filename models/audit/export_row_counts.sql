-- One row per file read: its records, and how many were accepted, rejected and skipped
-- (rows_read = rows_accepted + rows_rejected + rows_skipped).
with

file_lines as (

    select business_id, export_name, file_name, outcome
    from {{ ref('int_file_lines_checked') }}

),

final as (

    select
        business_id,
        export_name,
        file_name,
        count(*) as rows_read,
        count(case when outcome = 'accepted' then 1 end) as rows_accepted,
        count(case when outcome = 'rejected' then 1 end) as rows_rejected,
        count(case when outcome = 'skipped' then 1 end) as rows_skipped
    from file_lines
    group by business_id, export_name, file_name

)

select * from final

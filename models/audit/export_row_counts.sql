-- One row per file read: its records, and how many were accepted, rejected and skipped
-- (rows_read = rows_accepted + rows_rejected + rows_skipped).
with

files as (

    select business_id, export_name, file_name, rows_read
    from {{ atelier.rebuilt(ref('int_files_counted')) }}

),

flagged_lines as (

    select business_id, export_name, file_name, outcome
    from {{ atelier.rebuilt(ref('int_file_lines_flagged')) }}

),

flagged_counted as (

    select
        business_id,
        export_name,
        file_name,
        count(case when outcome = 'rejected' then 1 end) as rows_rejected,
        count(case when outcome = 'skipped' then 1 end) as rows_skipped
    from flagged_lines
    group by business_id, export_name, file_name

),

final as (

    select
        files.business_id,
        files.export_name,
        files.file_name,
        files.rows_read,
        files.rows_read - coalesce(flagged_counted.rows_rejected, 0)
        - coalesce(flagged_counted.rows_skipped, 0) as rows_accepted,
        coalesce(flagged_counted.rows_rejected, 0) as rows_rejected,
        coalesce(flagged_counted.rows_skipped, 0) as rows_skipped
    from files
    left join flagged_counted
        on
            files.business_id = flagged_counted.business_id
            and files.export_name = flagged_counted.export_name
            and files.file_name = flagged_counted.file_name

)

select * from final

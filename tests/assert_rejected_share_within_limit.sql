-- Fails the build when more than var `max_rejected_share` (default 0.5) of a file's data
-- records (read less skipped) are rejected for a reason other than `duplicate_id`: a file
-- whose rows are mostly broken would silently empty its KPIs. Rows superseded by a later
-- download of the same data (duplicate_id) are not faults: downloading an export twice is
-- allowed and changes nothing. One row per such file, with its counts.
with

files as (

    select business_id, export_name, file_name, rows_read, rows_skipped
    from {{ ref('export_row_counts') }}
    where {{ atelier.in_rebuilt_businesses() }}

),

faults_counted as (

    select business_id, export_name, file_name, count(*) as n_faults
    from {{ ref('rejected_rows') }}
    where rejection_code <> 'duplicate_id' and {{ atelier.in_rebuilt_businesses() }}
    group by business_id, export_name, file_name

),

final as (

    select
        files.business_id,
        files.export_name,
        files.file_name,
        files.rows_read,
        files.rows_skipped,
        faults_counted.n_faults
    from files
    inner join faults_counted
        on
            files.business_id = faults_counted.business_id
            and files.export_name = faults_counted.export_name
            and files.file_name = faults_counted.file_name
    where faults_counted.n_faults > {{ var('max_rejected_share') }} * (files.rows_read - files.rows_skipped)

)

select * from final

-- Fails the build when a file's rejected records are more than var `max_rejected_share`
-- (default 0.5) of its records that are data (read less skipped): a file whose rows are
-- mostly rejected would silently empty its KPIs. One row per such file, with its counts.
select
    business_id,
    export_name,
    file_name,
    rows_read,
    rows_rejected,
    rows_skipped
from {{ ref('export_row_counts') }}
where rows_rejected > {{ var('max_rejected_share') }} * (rows_read - rows_skipped)

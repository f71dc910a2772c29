-- One row per rejected record of every file read (export or download): where it is, what it
-- held and why it was kept out of the facts.
with

file_lines as (

    select * from {{ atelier.rebuilt(ref('int_file_lines_flagged')) }}
    where outcome = 'rejected'

),

final as (

    select
        business_id,
        export_name,
        file_name,
        line_number,
        raw_record,
        rejection_code,
        reason
    from file_lines

)

select * from final

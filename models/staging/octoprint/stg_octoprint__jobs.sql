-- One row per line of every OctoPrint print-history download, as a material usage; a job
-- with no weight recorded (`-`, empty or 0) is skipped (skip_code), not rejected. Failed and
-- cancelled prints used material too: they count.
with

{{ atelier.stage_source(source('octoprint', 'jobs')) }},

checked as (

    select
        *,
        {{ atelier.source_rejection(source('octoprint', 'jobs')) }}
    from typed

),

final as (

    select
        business_id,
        'octoprint_jobs' as source_name,
        file_name,
        file_modified_ns,
        line_number,
        raw_record,
        start_datetime_text || ' ' || printed_file_name_text as usage_id,
        start_datetime as used_at,
        material,
        cast(cast(used_weight_g as {{ atelier.type_double() }}) / 1000 as {{ atelier.type_decimal() }}) as quantity_kg,
        print_result,
        case
            when used_weight_g_text is null or used_weight_g = 0 then 'no_material_recorded'
        end as skip_code,
        case
            when rejection_code is not null then rejection_code
            when material is null then 'missing_value'
            when used_weight_g < 0 then 'out_of_range'
        end as rejection_code,
        case
            when rejection_code is not null then rejection_reason
            when material is null then 'Material is required when Used Weight [g] is recorded'
            when used_weight_g < 0 then 'Used Weight [g] ' || {{ atelier.in_quotes('used_weight_g_text') }} || ' is below 0'
        end as rejection_reason
    from checked

)

select * from final

-- One row per material-usage row of every file feeding material_usage: material_usage.csv
-- and the OctoPrint downloads, a job's material eco-friendly when it is in the business's
-- `materials.eco_friendly` list (trimmed, case-insensitive). An id repeated across files is
-- kept once (`reject_repeated_ids`).
with

exported as (

    select * from {{ atelier.rebuilt(ref('stg_exports__material_usage')) }}

),

octoprint_jobs as (

    select * from {{ atelier.rebuilt(ref('stg_octoprint__jobs')) }}

),

eco_friendly_materials as (

    select distinct business_id, lower(trim(setting_value)) as material
    from {{ atelier.rebuilt(ref('stg_settings__business_settings')) }}
    where setting = 'materials.eco_friendly'

),

octoprint_jobs_classified as (

    select
        octoprint_jobs.*,
        eco_friendly_materials.material is not null as is_eco_friendly
    from octoprint_jobs
    left join eco_friendly_materials
        on
            octoprint_jobs.business_id = eco_friendly_materials.business_id
            and lower(trim(octoprint_jobs.material)) = eco_friendly_materials.material

),

unioned as (

    select {{ atelier.staged_columns('material_usage') | join(', ') }}, rejection_code, rejection_reason
    from exported

    union all

    select
        business_id, 'material_usage' as export_name, source_name, file_name, file_modified_ns,
        line_number, raw_record, usage_id, used_at, material, is_eco_friendly, quantity_kg,
        cast(null as {{ dbt.type_string() }}) as job_id, skip_code,
        rejection_code, rejection_reason
    from octoprint_jobs_classified

),

final as (

    {{ atelier.reject_repeated_ids('material_usage', 'unioned', 'usage_id') }}

)

select * from final

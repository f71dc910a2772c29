-- One row per survey-response row of every file feeding surveys: surveys.csv and the survey
-- downloads named in sources.yml. A Typeform submit time (UTC) becomes the business's
-- wall-clock time when the registry gives its `timezone` (kept as is otherwise). An id
-- repeated across files is kept once (`reject_repeated_ids`).
with

exported as (

    select * from {{ atelier.rebuilt(ref('stg_exports__surveys')) }}

),

survey_downloads as (

    select * from {{ atelier.rebuilt(ref('stg_forms__survey_responses')) }}

),

businesses as (

    select business_id, timezone
    from {{ atelier.rebuilt(ref('stg_exports__businesses')) }}

),

survey_downloads_localized as (

    select
        survey_downloads.*,
        case
            when survey_downloads.is_utc
                then {{ atelier.utc_to_local('survey_downloads.responded_at', 'businesses.timezone') }}
            else survey_downloads.responded_at
        end as responded_at_local
    from survey_downloads
    left join businesses
        on survey_downloads.business_id = businesses.business_id

),

unioned as (

    select {{ atelier.staged_columns('surveys') | join(', ') }}, rejection_code, rejection_reason
    from exported

    union all

    select
        business_id, 'surveys' as export_name, source_name, file_name, file_modified_ns,
        line_number, raw_record, response_id, survey_type, score, scale_max,
        responded_at_local as responded_at, customer_id, order_id, skip_code,
        rejection_code, rejection_reason
    from survey_downloads_localized

),

final as (

    {{ atelier.reject_repeated_ids('surveys', 'unioned', 'response_id') }}

)

select * from final

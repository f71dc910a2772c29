-- One row per consultation row of every file feeding consultations: consultations.csv and
-- the Calendly downloads. A Calendly booking of an event type the business does not list
-- (sources.yml `consultations.event_types`, compared trimmed and case-insensitively) is
-- skipped `event_type_not_listed`; no list keeps every type. An id repeated across files is
-- kept once (`reject_repeated_ids`).
with

exported as (

    select * from {{ atelier.rebuilt(ref('stg_exports__consultations')) }}

),

calendly_events as (

    select * from {{ atelier.rebuilt(ref('stg_calendly__events')) }}

),

listed_event_types as (

    select business_id, lower(trim(setting_value)) as event_type
    from {{ atelier.rebuilt(ref('stg_settings__business_settings')) }}
    where setting = 'consultations.event_type'

),

businesses_listing_types as (

    select distinct business_id from listed_event_types

),

calendly_events_filtered as (

    select
        calendly_events.*,
        coalesce(
            calendly_events.skip_code,
            case
                when
                    businesses_listing_types.business_id is not null
                    and listed_event_types.event_type is null
                    then 'event_type_not_listed'
            end
        ) as filtered_skip_code
    from calendly_events
    left join businesses_listing_types
        on calendly_events.business_id = businesses_listing_types.business_id
    left join listed_event_types
        on
            calendly_events.business_id = listed_event_types.business_id
            and lower(trim(calendly_events.event_type_name)) = listed_event_types.event_type

),

unioned as (

    select {{ atelier.staged_columns('consultations') | join(', ') }}, rejection_code, rejection_reason
    from exported

    union all

    select
        business_id, 'consultations' as export_name, source_name, file_name, file_modified_ns,
        line_number, raw_record, consultation_id, customer_id, started_at, duration_minutes,
        designer, filtered_skip_code as skip_code,
        rejection_code, rejection_reason
    from calendly_events_filtered

),

final as (

    {{ atelier.reject_repeated_ids('consultations', 'unioned', 'consultation_id') }}

)

select * from final

-- One row per line of every Calendly events download, as a consultation; cancelled
-- bookings and no-shows are skipped (skip_code), not rejected.
with

{{ atelier.stage_source(source('calendly', 'events')) }},

checked as (

    select
        *,
        {{ dbt.datediff('start_date_time', 'end_date_time', 'minute') }} as mapped_duration_minutes,
        {{ atelier.source_rejection(source('calendly', 'events')) }}
    from typed

),

final as (

    select
        business_id,
        'calendly_events' as source_name,
        file_name,
        file_modified_ns,
        line_number,
        raw_record,
        coalesce(
            invitee_uuid,
            event_uuid || '/' || {{ atelier.customer_key('invitee_email_text') }}
        ) as consultation_id,
        {{ atelier.customer_key('invitee_email_text') }} as customer_id,
        start_date_time as started_at,
        cast(mapped_duration_minutes as {{ atelier.type_decimal() }}) as duration_minutes,
        user_name as designer,
        event_type_name,
        case
            when canceled then 'cancelled_booking'
            when marked_as_no_show then 'no_show'
        end as skip_code,
        case
            when rejection_code is not null then rejection_code
            when invitee_uuid is null and event_uuid is null then 'missing_value'
            when mapped_duration_minutes <= 0 then 'out_of_range'
        end as rejection_code,
        case
            when rejection_code is not null then rejection_reason
            when invitee_uuid is null and event_uuid is null
                then 'Invitee UUID and Event UUID are both empty: the booking has no id'
            when mapped_duration_minutes <= 0
                then 'End Date & Time ' || {{ atelier.in_quotes('end_date_time_text') }} || ' is not after Start Date & Time ' || {{ atelier.in_quotes('start_date_time_text') }}
        end as rejection_reason
    from checked

)

select * from final

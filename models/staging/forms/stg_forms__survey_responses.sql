-- One row per line of every survey download named in a sources.yml (Google Forms or
-- Typeform), as a survey response. Typeform's submit time is UTC (`is_utc`): converted to
-- the business's time zone once the registry is joined. Responses without a score and
-- Typeform partial responses are skipped (skip_code), not rejected.
with

{{ atelier.stage_source(source('forms', 'survey_responses')) }},

timestamps_parsed as (

    select
        *,
        case
            when tool = 'typeform' then {{ atelier.parse_timestamp('submitted_at_text') }}
            else {{ atelier.parse_timestamp(atelier.vendor_timestamp_text('submitted_at_text', 'forms_timestamp')) }}
        end as submitted_at_parsed,
        {{ atelier.customer_key('customer_text') }} as customer_key
    from typed

),

checked as (

    select
        *,
        {{ atelier.source_rejection(source('forms', 'survey_responses'),
            ['tool', 'survey_type', 'scale_max', 'response_number', 'score', 'order_ref']) }}
    from timestamps_parsed

),

final as (

    select
        business_id,
        'survey_responses' as source_name,
        file_name,
        file_modified_ns,
        line_number,
        raw_record,
        case
            when tool = 'typeform' then response_number
            else submitted_at_text || coalesce('|' || customer_key, '')
        end as response_id,
        survey_type,
        score,
        cast(scale_max as {{ dbt.type_bigint() }}) as scale_max,
        submitted_at_parsed as responded_at,
        tool = 'typeform' as is_utc,
        customer_key as customer_id,
        order_ref as order_id,
        case
            when tool = 'typeform' and lower(response_type) = 'partial' then 'partial_response'
            when score_text is null then 'no_score'
        end as skip_code,
        case
            when rejection_code is not null then rejection_code
            when submitted_at_text is null then 'missing_value'
            when submitted_at_parsed is null then 'unparseable'
            when tool = 'typeform' and response_number is null then 'missing_value'
            when score < 0 or score > scale_max then 'out_of_range'
        end as rejection_code,
        case
            when rejection_code is not null then rejection_reason
            when submitted_at_text is null
                then
                    case when tool = 'typeform' then 'Submit Date (UTC)' else 'Timestamp' end || ' is required'
            when submitted_at_parsed is null
                then
                    case
                        when tool = 'typeform'
                            then 'Submit Date (UTC) ' || {{ atelier.in_quotes('submitted_at_text') }} || ' is not ' || {{ atelier.text_literal(atelier.value_form('timestamp')) }}
                        else 'Timestamp ' || {{ atelier.in_quotes('submitted_at_text') }} || ' is not ' || {{ atelier.text_literal(atelier.value_form('forms_timestamp')) }}
                    end
            when tool = 'typeform' and response_number is null then '# (the response id) is required'
            when score < 0 or score > scale_max
                then 'score ' || {{ atelier.in_quotes('score_text') }} || ' is outside 0 to ' || cast(scale_max as {{ dbt.type_string() }})
        end as rejection_reason
    from checked

)

select * from final

with

surveys as (

    select business_id, response_id, survey_type, score, scale_max, responded_at, customer_id, order_id
    from {{ atelier.rebuilt(ref('int_surveys_unioned')) }}
    where rejection_code is null and skip_code is null

),

final as (

    select
        *,
        score >= {{ var('satisfied_score_share') }} * scale_max as is_satisfied
    from surveys

)

select * from final

with

social_engagement as (

    select business_id, line_number, engagement_date, platform, content_type, likes, comments, shares, new_followers
    from {{ atelier.rebuilt(ref('stg_exports__social_engagement')) }}
    where rejection_code is null

),

final as (

    select
        business_id,
        line_number as engagement_row_id,
        cast(engagement_date as date) as engagement_date,
        platform,
        content_type,
        likes,
        comments,
        shares,
        new_followers,
        likes + comments + shares + new_followers as n_interactions
    from social_engagement

)

select * from final

-- The day spine MetricFlow needs (time_spine config in _semantic__models.yml): metric_time at
-- any grain, and the offset window of social_engagement_growth (the previous period). Fixed
-- bounds, 2000-01-01 to 2099-12-31: a spine narrower than the data would silently lose the
-- previous period of the first periods outside it.
with

days as (

    {{ dbt.date_spine('day', "cast('2000-01-01' as date)", "cast('2100-01-01' as date)") }}

),

final as (

    select cast(date_day as date) as date_day from days

)

select * from final

-- Social engagement growth: (I(p) - I(p-1)) / I(p-1) x 100, where I(p) is the likes, comments,
-- shares and new followers of custom_design content in period p; I(p-1) = 0 before the
-- first period of the spine, so the value is null there.
{{ config(tags=['accessories']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

custom_design_engagement as (

    select business_id, engagement_date, n_interactions
    from {{ atelier.rebuilt(ref('fct_social_engagement')) }}
    where content_type = 'custom_design'

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

engagement_in_periods as (

    {{ atelier.assign_periods('custom_design_engagement', 'engagement_date') }}

),

interactions_summed_to_periods as (

    select business_id, period_grain, period_start, sum(n_interactions) as n_interactions
    from engagement_in_periods
    group by business_id, period_grain, period_start

),

on_spine as (

    {{ atelier.join_to_spine('interactions_summed_to_periods', 'spine', measures=['n_interactions']) }}

),

previous_period_compared as (

    select
        *,
        n_interactions - coalesce(lag(n_interactions) over (
            partition by business_id, period_grain order by period_start
        ), 0) as numerator,
        coalesce(lag(n_interactions) over (
            partition by business_id, period_grain order by period_start
        ), 0) as denominator
    from on_spine

),

final as (

    {{ atelier.kpi_values('previous_period_compared', 'social_engagement_growth', multiplier=100) }}

)

select * from final

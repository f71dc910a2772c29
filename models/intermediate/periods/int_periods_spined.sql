-- One row per business, grain and period, from the period holding the business's earliest
-- timestamp to the one holding its latest, with no gap: the spine under every KPI.
{%- set bounds = atelier.activity_bounds(ref('int_activity_bounded_to_businesses')) %}

with

businesses as (

    select * from {{ atelier.rebuilt(ref('int_activity_bounded_to_businesses')) }}

),

months as (

    {% if bounds.first_month %}
    {{ dbt.date_spine('month', "cast('" ~ bounds.first_month ~ "' as date)", "cast('" ~ bounds.after_last_month ~ "' as date)") }}
    {% else %}
    select cast(null as date) as date_month where 1 = 0
    {% endif %}

),

periods as (

    select distinct
        grains.period_grain,
        {{ atelier.period_start_of('months.date_month', 'grains.period_grain') }} as period_start
    from months
    cross join ({{ atelier.period_grains() }}) as grains

),

periods_ended as (

    select
        period_grain,
        period_start,
        case period_grain
            when 'month' then {{ dbt.last_day('period_start', 'month') }}
            when 'quarter' then {{ dbt.last_day('period_start', 'quarter') }}
            else {{ dbt.last_day('period_start', 'year') }}
        end as period_end
    from periods

),

final as (

    select
        businesses.business_id,
        periods_ended.period_grain,
        periods_ended.period_start,
        cast(periods_ended.period_end as date) as period_end,
        businesses.as_of_date
    from businesses
    inner join periods_ended
        on periods_ended.period_end >= cast(businesses.first_activity_at as date)
        and periods_ended.period_start <= cast(businesses.last_activity_at as date)

)

select * from final

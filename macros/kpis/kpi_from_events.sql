{#- The rest of a KPI model after its import CTEs: the CTE `events` (one row per event, with
    business_id and the period timestamp) is assigned to periods of every grain, aggregated
    with the `numerator` and `denominator` expressions (sums or counts), laid on the period
    spine (the CTE `spine`, the model's import of int_periods_spined) and turned into the KPI's values. Emits CTEs, so it follows `with <events> as (...),`. -#}
{% macro kpi_from_events(kpi_id, events, spine, period_timestamp, numerator, denominator, multiplier=1, lag_days=0) -%}
events_in_periods as (

    {{ atelier.assign_periods(events, period_timestamp) }}

),

events_aggregated_to_periods as (

    select
        business_id,
        period_grain,
        period_start,
        {{ numerator }} as numerator,
        {{ denominator }} as denominator
    from events_in_periods
    group by business_id, period_grain, period_start

),

on_spine as (

    {{ atelier.join_to_spine('events_aggregated_to_periods', spine) }}

),

final as (

    {{ atelier.kpi_values('on_spine', kpi_id, multiplier=multiplier, lag_days=lag_days) }}

)

select * from final
{%- endmacro %}

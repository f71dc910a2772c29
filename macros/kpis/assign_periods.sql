{#- Every row of the CTE `events` three times, once per grain, with the `period_start` of
    the period holding its period timestamp. Rows without a period timestamp are dropped. -#}
{% macro assign_periods(events, period_timestamp) -%}
    select
        {{ events }}.*,
        grains.period_grain,
        {{ atelier.period_start_of(events ~ '.' ~ period_timestamp, 'grains.period_grain') }} as period_start
    from {{ events }}
    cross join ({{ atelier.period_grains() }}) as grains
    where {{ events }}.{{ period_timestamp }} is not null
{%- endmacro %}

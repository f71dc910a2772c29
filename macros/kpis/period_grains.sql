{#- The grains every KPI is computed at, as a one-column query (`period_grain`). -#}
{% macro period_grains() -%}
    select 'month' as period_grain
    union all
    select 'quarter' as period_grain
    union all
    select 'year' as period_grain
{%- endmacro %}

{#- The first day of the period of grain `grain_column` holding `timestamp`, as a date. -#}
{% macro period_start_of(timestamp, grain_column='period_grain') -%}
    cast(
        case {{ grain_column }}
            when 'month' then {{ dbt.date_trunc('month', timestamp) }}
            when 'quarter' then {{ dbt.date_trunc('quarter', timestamp) }}
            else {{ dbt.date_trunc('year', timestamp) }}
        end
    as date)
{%- endmacro %}

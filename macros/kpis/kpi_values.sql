{#- The final select of a KPI model: from the CTE `on_spine` (numerator and denominator per
    business and spine period) to the KPI's columns, value = numerator * multiplier /
    denominator (null when the denominator is 0). -#}
{% macro kpi_values(on_spine, kpi_id, multiplier=1, lag_days=0) -%}
    select
        business_id,
        '{{ kpi_id }}' as kpi_id,
        period_grain,
        period_start,
        period_end,
        cast(numerator as {{ atelier.type_double() }}) as numerator,
        cast(denominator as {{ atelier.type_double() }}) as denominator,
        {{ atelier.safe_ratio('numerator', 'denominator', multiplier) }} as value,
        {{ atelier.is_period_complete('period_end', 'as_of_date', lag_days) }} as is_complete
    from {{ on_spine }}
{%- endmacro %}

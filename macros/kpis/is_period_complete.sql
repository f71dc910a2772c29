{#- True when the period, extended by `lag_days` (the retention window), ends before the
    business's as-of date (the date of its latest timestamp). -#}
{% macro is_period_complete(period_end, as_of_date, lag_days=0) -%}
    ({{ dbt.dateadd('day', lag_days, period_end) }} < {{ as_of_date }})
{%- endmacro %}

{#- The first day of the month holding the earliest activity of any business, and the first
    day of the month after the latest: the bounds of the month spine, as ISO date strings
    (both none when there is no activity, or while dbt parses). -#}
{% macro activity_bounds(bounded_relation) -%}
    {%- set bounds = {'first_month': none, 'after_last_month': none} -%}
    {%- if execute -%}
        {%- set query -%}
            select
                cast({{ dbt.date_trunc('month', 'min(first_activity_at)') }} as date),
                cast({{ dbt.dateadd('month', 1, dbt.date_trunc('month', 'max(last_activity_at)')) }} as date)
            from {{ bounded_relation }}
        {%- endset -%}
        {%- set row = run_query(query).rows[0] -%}
        {%- if row[0] is not none -%}
            {%- do bounds.update({'first_month': row[0] | string, 'after_last_month': row[1] | string}) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(bounds) }}
{%- endmacro %}

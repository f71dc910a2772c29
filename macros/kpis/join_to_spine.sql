{#- Every period of `spine` (the KPI model's import CTE of int_periods_spined) of each business
    present in the CTE `aggregated` (one row per business_id, period_grain, period_start), with
    its `measures` (0 where the period has no row: these are sums and counts). -#}
{% macro join_to_spine(aggregated, spine, measures=('numerator', 'denominator')) -%}
    select
        spine.business_id,
        spine.period_grain,
        spine.period_start,
        spine.period_end,
        spine.as_of_date,
        {%- for measure in measures %}
        coalesce({{ aggregated }}.{{ measure }}, 0) as {{ measure }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ spine }} as spine
    inner join (select distinct business_id from {{ aggregated }}) as businesses_with_data
        on spine.business_id = businesses_with_data.business_id
    left join {{ aggregated }}
        on spine.business_id = {{ aggregated }}.business_id
        and spine.period_grain = {{ aggregated }}.period_grain
        and spine.period_start = {{ aggregated }}.period_start
{%- endmacro %}

{#- The shape every KPI model (models/marts/kpis/kpi_<kpi_id>.sql) shares, one check per model
    instead of a dozen: one row per business, grain and period (the key); kpi_id is the model's
    KPI (`kpi_id`, by default the model's name less `kpi_`); period_grain is month, quarter or
    year; no null but `value`; and, for a part of a whole (`part_of_whole`, by default the
    catalog's is_count_proportion), 0 <= numerator <= denominator, exact on the sums, so the
    percentage lies in 0-100. Fails with one row per breach, naming it in `problem`. -#}
{% test kpi_model_shape(model, kpi_id=none, part_of_whole=none) %}
{%- set kpi_id = kpi_id if kpi_id is not none else model.identifier[4:] %}
{%- set not_null_columns = ['business_id', 'period_start', 'period_end', 'numerator', 'denominator', 'is_complete'] %}

with

kpi_rows as (

    select business_id, kpi_id, period_grain, period_start, period_end, numerator, denominator, is_complete
    from {{ model }}

),

rule as (

    {%- if part_of_whole is none %}
    select coalesce(bool_or(is_count_proportion), false) as is_part_of_whole
    from {{ ref('kpi_catalog') }}
    where kpi_id = '{{ kpi_id }}'
    {%- else %}
    select {{ 'true' if part_of_whole else 'false' }} as is_part_of_whole
    {%- endif %}

),

keys_counted as (

    select business_id, period_grain, period_start, count(*) as n_rows
    from kpi_rows
    group by business_id, period_grain, period_start

),

problems as (

    select
        business_id,
        period_grain,
        period_start,
        'key (business_id, period_grain, period_start) on '
        || cast(n_rows as {{ dbt.type_string() }}) || ' rows' as problem
    from keys_counted
    where n_rows > 1

    union all

    select
        kpi_rows.business_id,
        kpi_rows.period_grain,
        kpi_rows.period_start,
        case
            when kpi_rows.kpi_id is null or kpi_rows.kpi_id <> '{{ kpi_id }}'
                then 'kpi_id is not {{ kpi_id }}'
            when kpi_rows.period_grain is null or kpi_rows.period_grain not in ('month', 'quarter', 'year')
                then 'period_grain is not month, quarter or year'
            {%- for column in not_null_columns %}
            when kpi_rows.{{ column }} is null then '{{ column }} is null'
            {%- endfor %}
            when rule.is_part_of_whole and not (kpi_rows.numerator >= 0 and kpi_rows.numerator <= kpi_rows.denominator)
                then 'a part of a whole outside 0 <= numerator <= denominator'
        end as problem
    from kpi_rows
    cross join rule

)

select * from problems
where problem is not null

{% endtest %}

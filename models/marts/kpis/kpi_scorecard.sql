with

businesses as (

    select business_id, business_name, vertical from {{ atelier.rebuilt(ref('dim_businesses')) }}

),

spine as (

    select business_id, period_grain, period_start, period_end, as_of_date
    from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

catalog as (

    select
        kpi_id, vertical, kpi_name_en, kpi_name_fr, unit, higher_is_better,
        waits_for_retention_window
    from {{ ref('kpi_catalog') }}

),

kpi_values as (

    select business_id, kpi_id, period_grain, period_start, numerator, denominator, value
    from {{ atelier.rebuilt(ref('kpi_values_unioned')) }}

),

benchmarked as (

    select * from {{ atelier.rebuilt(ref('kpi_values_benchmarked')) }}

),

kpis_of_vertical_on_spine as (

    select
        businesses.business_id,
        businesses.business_name,
        businesses.vertical,
        catalog.kpi_id,
        catalog.kpi_name_en,
        catalog.kpi_name_fr,
        catalog.unit,
        catalog.higher_is_better,
        catalog.waits_for_retention_window,
        spine.period_grain,
        spine.period_start,
        spine.period_end,
        spine.as_of_date
    from businesses
    inner join catalog
        on businesses.vertical = catalog.vertical
    inner join spine
        on businesses.business_id = spine.business_id

),

final as (

    select
        scored.business_id,
        scored.business_name,
        scored.vertical,
        scored.kpi_id,
        scored.kpi_name_en,
        scored.kpi_name_fr,
        scored.unit,
        scored.higher_is_better,
        scored.period_grain,
        scored.period_start,
        scored.period_end,
        coalesce(kpi_values.numerator, 0) as numerator,
        coalesce(kpi_values.denominator, 0) as denominator,
        kpi_values.value,
        benchmarked.benchmark_tier,
        benchmarked.benchmark_note,
        benchmarked.ci_low,
        benchmarked.ci_high,
        benchmarked.is_low_sample,
        {{ atelier.is_period_complete(
            'scored.period_end',
            'scored.as_of_date',
            "case when scored.waits_for_retention_window then " ~ var('retention_window_days') ~ " else 0 end",
        ) }} as is_complete
    from kpis_of_vertical_on_spine as scored
    left join kpi_values
        on
            scored.business_id = kpi_values.business_id
            and scored.kpi_id = kpi_values.kpi_id
            and scored.period_grain = kpi_values.period_grain
            and scored.period_start = kpi_values.period_start
    left join benchmarked
        on
            scored.business_id = benchmarked.business_id
            and scored.kpi_id = benchmarked.kpi_id
            and scored.period_grain = benchmarked.period_grain
            and scored.period_start = benchmarked.period_start

)

select * from final

with

businesses as (

    select business_id, business_name, vertical, currency from {{ ref('dim_businesses') }}

),

spine as (

    select * from {{ ref('int_periods_spined') }}

),

catalog as (

    select * from {{ ref('kpi_catalog') }}

),

kpi_values as (

    select * from {{ ref('int_kpis_unioned') }}

),

tier_ranks as (

    select * from {{ ref('int_kpi_values_benchmarked') }}

),

tiers as (

    select tier, tier_rank from {{ ref('benchmark_tiers') }}

),

kpis_of_vertical_on_spine as (

    select
        businesses.business_id,
        businesses.business_name,
        businesses.vertical,
        businesses.currency,
        catalog.kpi_id,
        catalog.kpi_name_en,
        catalog.kpi_name_fr,
        catalog.unit,
        catalog.higher_is_better,
        catalog.benchmark_currency,
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
        case
            when scored.benchmark_currency is null or scored.currency = scored.benchmark_currency
                then tiers.tier
        end as benchmark_tier,
        case
            when kpi_values.value is not null and scored.currency <> scored.benchmark_currency
                then 'The article''s benchmark is in ' || scored.benchmark_currency
                    || '; this business reports in ' || scored.currency || ', so no tier is given'
        end as benchmark_note,
        {{ atelier.is_period_complete(
            'scored.period_end',
            'scored.as_of_date',
            "case when scored.waits_for_retention_window then " ~ var('retention_window_days') ~ " else 0 end",
        ) }} as is_complete
    from kpis_of_vertical_on_spine as scored
    left join kpi_values
        on scored.business_id = kpi_values.business_id
        and scored.kpi_id = kpi_values.kpi_id
        and scored.period_grain = kpi_values.period_grain
        and scored.period_start = kpi_values.period_start
    left join tier_ranks
        on scored.business_id = tier_ranks.business_id
        and scored.kpi_id = tier_ranks.kpi_id
        and scored.period_grain = tier_ranks.period_grain
        and scored.period_start = tier_ranks.period_start
    left join tiers
        on tier_ranks.tier_rank = tiers.tier_rank

)

select * from final

-- One row per business, KPI, grain and period with a value: the best benchmark tier whose
-- condition the value meets (needs_improvement when it meets none), or a note saying why
-- there is none (the benchmark's currency is not the business's, or the KPI has no benchmark
-- rows: tests/assert_kpis_complete.sql fails then too); for a percentage of counts
-- (catalog is_count_proportion), the 95 % Wilson score interval of the value and whether its
-- denominator is below var min_sample_size. Ephemeral: kpi_scorecard's input, not published.
{{ config(materialized='ephemeral') }}
with

kpi_values as (

    select business_id, kpi_id, period_grain, period_start, numerator, denominator, value
    from {{ atelier.rebuilt(ref('kpi_values_unioned')) }}
    where value is not null

),

benchmarks as (

    select kpi_id, tier_rank, operator, bound from {{ ref('kpi_benchmarks') }}

),

tiers as (

    select tier, tier_rank from {{ ref('benchmark_tiers') }}

),

businesses as (

    select business_id, currency from {{ atelier.rebuilt(ref('dim_businesses')) }}

),

catalog as (

    select kpi_id, benchmark_currency, is_count_proportion from {{ ref('kpi_catalog') }}

),

currencies_compared as (

    select
        kpi_values.*,
        businesses.currency,
        catalog.benchmark_currency,
        coalesce(catalog.is_count_proportion, false) as is_count_proportion,
        coalesce(upper(businesses.currency) = upper(catalog.benchmark_currency), true) as is_benchmarkable,
        catalog.kpi_id in (select benchmarks.kpi_id from benchmarks) as has_benchmarks
    from kpi_values
    inner join businesses
        on kpi_values.business_id = businesses.business_id
    inner join catalog
        on kpi_values.kpi_id = catalog.kpi_id

),

best_tier_ranked as (

    select
        currencies_compared.business_id,
        currencies_compared.kpi_id,
        currencies_compared.period_grain,
        currencies_compared.period_start,
        coalesce(max(benchmarks.tier_rank), 0) as tier_rank
    from currencies_compared
    left join benchmarks
        on
            currencies_compared.kpi_id = benchmarks.kpi_id
            and {{ atelier.benchmark_condition('currencies_compared.value', 'benchmarks.operator', 'benchmarks.bound') }}
    group by 1, 2, 3, 4

),

final as (

    select
        currencies_compared.business_id,
        currencies_compared.kpi_id,
        currencies_compared.period_grain,
        currencies_compared.period_start,
        currencies_compared.numerator,
        currencies_compared.denominator,
        currencies_compared.value,
        case
            when currencies_compared.is_benchmarkable and currencies_compared.has_benchmarks then tiers.tier
        end as benchmark_tier,
        case
            when not currencies_compared.has_benchmarks
                then 'seeds/kpi_benchmarks.csv has no benchmark for this KPI, so no tier is given'
            when not currencies_compared.is_benchmarkable
                then
                    {{ atelier.text_literal("The article's benchmark is in ") }} || currencies_compared.benchmark_currency
                    || '; this business reports in ' || currencies_compared.currency
                    || ', so no tier is given'
        end as benchmark_note,
        case
            when currencies_compared.is_count_proportion
                then {{ atelier.wilson_interval('currencies_compared.numerator', 'currencies_compared.denominator', 'low') }}
        end as ci_low,
        case
            when currencies_compared.is_count_proportion
                then {{ atelier.wilson_interval('currencies_compared.numerator', 'currencies_compared.denominator', 'high') }}
        end as ci_high,
        case
            when currencies_compared.is_count_proportion
                then currencies_compared.denominator < {{ var('min_sample_size', 20) }}
        end as is_low_sample
    from currencies_compared
    inner join best_tier_ranked
        on
            currencies_compared.business_id = best_tier_ranked.business_id
            and currencies_compared.kpi_id = best_tier_ranked.kpi_id
            and currencies_compared.period_grain = best_tier_ranked.period_grain
            and currencies_compared.period_start = best_tier_ranked.period_start
    inner join tiers
        on best_tier_ranked.tier_rank = tiers.tier_rank

)

select * from final

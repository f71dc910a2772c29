-- One row per business, KPI, grain and period with a value: the rank of the best benchmark
-- tier whose condition the value meets (0, needs_improvement, when it meets none).
with

kpi_values as (

    select business_id, kpi_id, period_grain, period_start, value
    from {{ ref('int_kpis_unioned') }}
    where value is not null

),

benchmarks as (

    select kpi_id, tier_rank, operator, bound from {{ ref('kpi_benchmarks') }}

),

conditions_met as (

    select
        kpi_values.business_id,
        kpi_values.kpi_id,
        kpi_values.period_grain,
        kpi_values.period_start,
        benchmarks.tier_rank
    from kpi_values
    inner join benchmarks
        on kpi_values.kpi_id = benchmarks.kpi_id
        and {{ atelier.benchmark_condition('kpi_values.value', 'benchmarks.operator', 'benchmarks.bound') }}

),

best_tier_ranked as (

    select business_id, kpi_id, period_grain, period_start, max(tier_rank) as tier_rank
    from conditions_met
    group by business_id, kpi_id, period_grain, period_start

),

final as (

    select
        kpi_values.business_id,
        kpi_values.kpi_id,
        kpi_values.period_grain,
        kpi_values.period_start,
        coalesce(best_tier_ranked.tier_rank, 0) as tier_rank
    from kpi_values
    left join best_tier_ranked
        on kpi_values.business_id = best_tier_ranked.business_id
        and kpi_values.kpi_id = best_tier_ranked.kpi_id
        and kpi_values.period_grain = best_tier_ranked.period_grain
        and kpi_values.period_start = best_tier_ranked.period_start

)

select * from final

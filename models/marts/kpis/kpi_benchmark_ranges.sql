-- One row per KPI and benchmark tier (needs_improvement included): the range of values that
-- gets the tier, from the conditions of seeds/kpi_benchmarks.csv. A value takes the best tier
-- whose condition it meets (kpi_values_benchmarked), so a tier's range runs from its own
-- bound to the next better tier's bound, which it does not reach. The direction comes from the
-- operators: `>=` / `>` for higher-is-better KPIs, `<=` / `<` for lower-is-better ones.
with

conditions as (

    select kpi_id, tier_rank, operator, bound from {{ ref('kpi_benchmarks') }}

),

tiers as (

    select tier, tier_rank from {{ ref('benchmark_tiers') }}

),

catalog as (

    select kpi_id, vertical, benchmark_currency from {{ ref('kpi_catalog') }}

),

conditions_ordered as (

    select
        kpi_id,
        tier_rank,
        operator,
        bound,
        operator in ('>=', '>') as is_higher_better,
        lead(operator) over (partition by kpi_id order by tier_rank) as next_operator,
        lead(bound) over (partition by kpi_id order by tier_rank) as next_bound,
        row_number() over (partition by kpi_id order by tier_rank) as tier_order
    from conditions

),

-- A tier with a condition: its condition met, the next better tier's not.
tiers_met as (

    select
        kpi_id,
        tier_rank,
        case when is_higher_better then bound else next_bound end as lower_bound,
        case when is_higher_better then operator = '>=' else next_operator = '<' end
            as is_lower_bound_inclusive,
        case when is_higher_better then next_bound else bound end as upper_bound,
        case when is_higher_better then next_operator = '>' else operator = '<=' end
            as is_upper_bound_inclusive
    from conditions_ordered

),

-- needs_improvement: the first tier's condition not met.
tier_not_met as (

    select
        kpi_id,
        0 as tier_rank,
        case when not is_higher_better then bound end as lower_bound,
        case when not is_higher_better then operator = '<' end as is_lower_bound_inclusive,
        case when is_higher_better then bound end as upper_bound,
        case when is_higher_better then operator = '>' end as is_upper_bound_inclusive
    from conditions_ordered
    where tier_order = 1

),

ranges as (

    select * from tiers_met
    union all
    select * from tier_not_met

),

final as (

    select
        ranges.kpi_id,
        catalog.vertical,
        tiers.tier,
        ranges.tier_rank,
        ranges.lower_bound,
        ranges.is_lower_bound_inclusive,
        ranges.upper_bound,
        ranges.is_upper_bound_inclusive,
        catalog.benchmark_currency
    from ranges
    inner join tiers
        on ranges.tier_rank = tiers.tier_rank
    inner join catalog
        on ranges.kpi_id = catalog.kpi_id

)

select * from final

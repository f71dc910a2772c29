-- For every additive numerator and denominator (seed kpi_catalog), the months of a quarter or
-- a year add up to it (to 1e-9 relative: values are doubles).
with

kpi_values as (

    select * from {{ ref('kpi_values_unioned') }}

),

catalog as (

    select kpi_id, is_numerator_additive, is_denominator_additive from {{ ref('kpi_catalog') }}

),

grains as (

    select 'quarter' as period_grain
    union all
    select 'year' as period_grain

),

months_rolled_up as (

    select
        kpi_values.business_id,
        kpi_values.kpi_id,
        grains.period_grain,
        {{ atelier.period_start_of('kpi_values.period_start', 'grains.period_grain') }} as period_start,
        sum(kpi_values.numerator) as months_numerator,
        sum(kpi_values.denominator) as months_denominator
    from kpi_values
    cross join grains
    where kpi_values.period_grain = 'month'
    group by 1, 2, 3, 4

),

compared as (

    select
        rolled.*,
        kpi_values.numerator,
        kpi_values.denominator,
        catalog.is_numerator_additive,
        catalog.is_denominator_additive
    from months_rolled_up as rolled
    inner join catalog
        on rolled.kpi_id = catalog.kpi_id
    left join kpi_values
        on
            rolled.business_id = kpi_values.business_id
            and rolled.kpi_id = kpi_values.kpi_id
            and rolled.period_grain = kpi_values.period_grain
            and rolled.period_start = kpi_values.period_start

)

select *
from compared
where
    numerator is null
    or (
        is_numerator_additive
        and abs(months_numerator - numerator) > 1e-9 * (1 + abs(numerator))
    )
    or (
        is_denominator_additive
        and abs(months_denominator - denominator) > 1e-9 * (1 + abs(denominator))
    )

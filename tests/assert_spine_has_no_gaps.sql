-- Every business has, at every grain, one spine period per month / quarter / year from its
-- first to its last: the count of periods equals the span.
with

spine as (

    select * from {{ ref('int_periods_spined') }}

),

spans as (

    select
        business_id,
        period_grain,
        count(*) as n_periods,
        min(period_start) as first_period_start,
        max(period_start) as last_period_start
    from spine
    group by business_id, period_grain

)

select *
from spans
where n_periods <> case period_grain
    when 'month' then ({{ dbt.datediff('first_period_start', 'last_period_start', 'month') }}) + 1
    when 'quarter' then ({{ dbt.datediff('first_period_start', 'last_period_start', 'month') }}) / 3 + 1
    else ({{ dbt.datediff('first_period_start', 'last_period_start', 'year') }}) + 1
end

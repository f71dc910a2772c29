-- The scorecard holds, for every business, each of the seven KPIs of its vertical for every
-- spine period: no more, no fewer.
with

expected as (

    select spine.business_id, count(*) * 7 as n_rows
    from {{ ref('int_periods_spined') }} as spine
    inner join {{ ref('dim_businesses') }} as businesses
        on spine.business_id = businesses.business_id
    group by spine.business_id

),

actual as (

    select business_id, count(*) as n_rows
    from {{ ref('kpi_scorecard') }}
    group by business_id

)

select expected.business_id, expected.n_rows as expected_rows, actual.n_rows as actual_rows
from expected
full outer join actual
    on expected.business_id = actual.business_id
where expected.n_rows is null or actual.n_rows is null or expected.n_rows <> actual.n_rows

-- The scorecard holds, for every business, each KPI of its vertical in the catalog
-- (seeds/kpi_catalog.csv) for every spine period: no more, no fewer.
with

kpis_counted_to_verticals as (

    select vertical, count(*) as n_kpis
    from {{ ref('kpi_catalog') }}
    group by vertical

),

expected as (

    select spine.business_id, count(*) * max(kpis_counted_to_verticals.n_kpis) as n_rows
    from {{ ref('int_periods_spined') }} as spine
    inner join {{ ref('dim_businesses') }} as businesses
        on spine.business_id = businesses.business_id
    inner join kpis_counted_to_verticals
        on businesses.vertical = kpis_counted_to_verticals.vertical
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

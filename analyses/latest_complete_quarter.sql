-- Each business's seven KPIs for its latest complete quarter, with the article's tier.
-- `dbt compile -s latest_complete_quarter` writes the SQL to target/compiled/ for any client.
with

scorecard as (

    select * from {{ ref('kpi_scorecard') }}
    where period_grain = 'quarter' and is_complete

),

latest_quarters as (

    select business_id, max(period_start) as period_start
    from scorecard
    group by business_id

),

final as (

    select
        scorecard.business_name,
        scorecard.kpi_name_en,
        scorecard.period_start,
        scorecard.value,
        scorecard.unit,
        scorecard.benchmark_tier,
        scorecard.benchmark_note
    from scorecard
    inner join latest_quarters
        on
            scorecard.business_id = latest_quarters.business_id
            and scorecard.period_start = latest_quarters.period_start

)

select * from final
order by business_name, kpi_name_en

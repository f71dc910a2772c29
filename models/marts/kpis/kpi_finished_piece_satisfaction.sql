-- Customer satisfaction index for finished pieces (jewelry article):
-- satisfied finished_piece responses / finished_piece responses x 100
-- (satisfied: score >= var satisfied_score_share x scale_max, fct_survey_responses.is_satisfied).
-- kpi_customization_satisfaction is the 3D accessories article's index, on the other survey type.
{{ config(tags=['jewelry']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

finished_piece_responses as (

    select business_id, responded_at, is_satisfied
    from {{ atelier.rebuilt(ref('fct_survey_responses')) }}
    where survey_type = 'finished_piece'

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'finished_piece_satisfaction',
    events='finished_piece_responses',
    spine='spine',
    period_timestamp='responded_at',
    numerator='sum(case when is_satisfied then 1 else 0 end)',
    denominator='count(*)',
    multiplier=100,
) }}

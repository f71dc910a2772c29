-- Customer satisfaction index for customization (3D accessories article):
-- satisfied customization responses / customization responses x 100
-- (satisfied: score >= var satisfied_score_share x scale_max, fct_survey_responses.is_satisfied).
-- kpi_finished_piece_satisfaction is the jewelry article's index, on the other survey type.
{{ config(tags=['accessories']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

customization_responses as (

    select business_id, responded_at, is_satisfied
    from {{ atelier.rebuilt(ref('fct_survey_responses')) }}
    where survey_type = 'customization'

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'customization_satisfaction',
    events='customization_responses',
    spine='spine',
    period_timestamp='responded_at',
    numerator='sum(case when is_satisfied then 1 else 0 end)',
    denominator='count(*)',
    multiplier=100,
) }}

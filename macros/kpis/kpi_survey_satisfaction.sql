{#- A whole KPI model for a satisfaction index (finished pieces for jewelry, customization for
    3D accessories): satisfied responses of `survey_type` / responses of that type x 100,
    by `responded_at`. Satisfied: score >= var satisfied_score_share x scale_max. -#}
{% macro kpi_survey_satisfaction(kpi_id, survey_type) -%}
with

responses as (

    select business_id, responded_at, is_satisfied
    from {{ ref('fct_survey_responses') }}
    where survey_type = '{{ survey_type }}'

),

{{ atelier.kpi_from_events(
    kpi_id,
    events='responses',
    period_timestamp='responded_at',
    numerator='sum(case when is_satisfied then 1 else 0 end)',
    denominator='count(*)',
    multiplier=100,
) }}
{%- endmacro %}

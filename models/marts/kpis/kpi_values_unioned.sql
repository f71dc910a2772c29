-- One row per business, KPI, grain and period of the KPI models (a business has rows of a KPI
-- only when it has that KPI's data). Every KPI model has its line here, in catalog order:
-- tests/assert_kpis_complete.sql fails naming a KPI model left out. Ephemeral: the input of
-- kpi_values_benchmarked and kpi_scorecard, not a published relation.
{{ config(materialized='ephemeral') }}
{%- set kpi_models = [
    ref('kpi_avg_transaction_value'),
    ref('kpi_bespoke_retention_rate'),
    ref('kpi_consultation_hours_per_client'),
    ref('kpi_referral_rate'),
    ref('kpi_custom_design_conversion_rate'),
    ref('kpi_avg_design_iterations'),
    ref('kpi_finished_piece_satisfaction'),
    ref('kpi_customization_rate'),
    ref('kpi_eco_material_ratio'),
    ref('kpi_customization_satisfaction'),
    ref('kpi_avg_production_lead_time'),
    ref('kpi_repeat_customer_rate'),
    ref('kpi_design_collaboration_conversion_rate'),
    ref('kpi_social_engagement_growth'),
] %}

with

final as (

    {% for kpi_model in kpi_models %}
    select business_id, kpi_id, period_grain, period_start, numerator, denominator, value
    from {{ atelier.rebuilt(kpi_model) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final

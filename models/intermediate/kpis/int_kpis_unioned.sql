-- One row per business, KPI, grain and period of the fourteen KPI models (businesses with
-- the data of that KPI only).
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

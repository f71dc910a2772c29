-- Eco-friendly material ratio: kg of eco-friendly material / all kg x 100.
with

material_usage as (

    select business_id, used_at, quantity_kg, is_eco_friendly
    from {{ ref('fct_material_usage') }}

),

{{ atelier.kpi_from_events(
    'eco_material_ratio',
    events='material_usage',
    period_timestamp='used_at',
    numerator="sum(case when is_eco_friendly then quantity_kg else 0 end)",
    denominator='sum(quantity_kg)',
    multiplier=100,
) }}

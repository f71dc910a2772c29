-- Eco-friendly material ratio: kg of eco-friendly material / all kg x 100.
{{ config(tags=['accessories']) }}  {#- the vertical of seeds/kpi_catalog.csv (tests/assert_kpis_complete.sql) #}
with

material_usage as (

    select business_id, used_at, quantity_kg, is_eco_friendly
    from {{ atelier.rebuilt(ref('fct_material_usage')) }}

),

spine as (

    select * from {{ atelier.rebuilt(ref('int_periods_spined')) }}

),

{{ atelier.kpi_from_events(
    'eco_material_ratio',
    events='material_usage',
    spine='spine',
    period_timestamp='used_at',
    numerator="sum(case when is_eco_friendly then quantity_kg else 0 end)",
    denominator='sum(quantity_kg)',
    multiplier=100,
) }}

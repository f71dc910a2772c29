{#- A whole KPI model for an inquiry conversion rate (the jewelry article's custom design
    conversion and the 3D article's design collaboration conversion share the formula):
    inquiries converted (a sale order references them) / inquiries received x 100, by
    `received_at`. -#}
{% macro kpi_inquiry_conversion(kpi_id) -%}
with

inquiries as (

    select business_id, received_at, is_converted
    from {{ ref('fct_inquiries') }}

),

{{ atelier.kpi_from_events(
    kpi_id,
    events='inquiries',
    period_timestamp='received_at',
    numerator='sum(case when is_converted then 1 else 0 end)',
    denominator='count(*)',
    multiplier=100,
) }}
{%- endmacro %}

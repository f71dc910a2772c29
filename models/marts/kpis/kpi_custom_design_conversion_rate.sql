-- Custom design conversion rate: inquiries converted / inquiries received x 100.
{{ atelier.kpi_inquiry_conversion('custom_design_conversion_rate') }}

-- Design collaboration conversion rate: collaborations converted / collaborations x 100.
{{ atelier.kpi_inquiry_conversion('design_collaboration_conversion_rate') }}

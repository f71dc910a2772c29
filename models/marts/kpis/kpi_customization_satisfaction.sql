-- Customization satisfaction: satisfied customization responses / responses x 100.
{{ atelier.kpi_survey_satisfaction('customization_satisfaction', survey_type='customization') }}

-- Finished piece satisfaction: satisfied finished_piece responses / responses x 100.
{{ atelier.kpi_survey_satisfaction('finished_piece_satisfaction', survey_type='finished_piece') }}

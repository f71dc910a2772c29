{{ atelier.stage_export('design_iterations') }}

{{ atelier.stage_export('design_projects') }}

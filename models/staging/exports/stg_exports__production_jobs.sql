{{ atelier.stage_export('production_jobs') }}

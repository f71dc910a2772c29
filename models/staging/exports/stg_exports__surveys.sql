{{ atelier.stage_export('surveys') }}

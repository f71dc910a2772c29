{{ atelier.stage_export('businesses') }}

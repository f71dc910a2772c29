{{ atelier.stage_export('customers') }}

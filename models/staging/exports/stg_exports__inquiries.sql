{{ atelier.stage_export('inquiries') }}

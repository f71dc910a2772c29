{{ atelier.stage_export('consultations') }}

{{ atelier.stage_export('social_engagement') }}

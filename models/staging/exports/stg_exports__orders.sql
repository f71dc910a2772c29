{{ atelier.stage_export('orders') }}

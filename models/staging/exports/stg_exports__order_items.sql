{{ atelier.stage_export('order_items') }}

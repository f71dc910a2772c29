{{ atelier.stage_export('material_usage') }}

-- Design iterations whose project exists in design_projects.csv and was accepted.
{{ atelier.reject_orphans(
    'design_iterations',
    child_relation=atelier.rebuilt(ref('stg_exports__design_iterations')),
    parent_relation=atelier.rebuilt(ref('stg_exports__design_projects')),
) }}

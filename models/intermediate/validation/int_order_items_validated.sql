-- Order lines whose order exists in orders.csv and was accepted.
{{ atelier.reject_orphans(
    'order_items',
    child_relation=ref('stg_exports__order_items'),
    parent_relation=ref('int_orders_validated'),
) }}

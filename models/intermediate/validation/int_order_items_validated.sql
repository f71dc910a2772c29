-- Order lines whose order exists in orders.csv and was accepted.
{{ atelier.reject_orphans(
    'order_items',
    child_relation=atelier.rebuilt(ref('int_order_items_unioned')),
    parent_relation=atelier.rebuilt(ref('int_orders_validated')),
) }}

{#- Each export's name and the last model that checks its rows (staging, or the intermediate
    model adding the rules that need another export). The audit reads rejections here.
    Written by hand (dbt sees a ref only when parsing, before the graph is whole);
    tests/assert_rows_conserved.sql fails naming an export of the contract missing here. -#}
{% macro checked_exports() -%}
    {{ return({
        'businesses': ref('stg_exports__businesses'),
        'customers': ref('stg_exports__customers'),
        'orders': ref('int_orders_validated'),
        'order_items': ref('int_order_items_validated'),
        'inquiries': ref('stg_exports__inquiries'),
        'design_projects': ref('stg_exports__design_projects'),
        'design_iterations': ref('int_design_iterations_validated'),
        'consultations': ref('int_consultations_unioned'),
        'surveys': ref('int_surveys_unioned'),
        'production_jobs': ref('stg_exports__production_jobs'),
        'material_usage': ref('int_material_usage_unioned'),
        'social_engagement': ref('stg_exports__social_engagement'),
    }) }}
{%- endmacro %}

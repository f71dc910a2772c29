{#- The whole model that applies an export's `references` rule (contract table meta): a row
    whose parent id is absent from `parent_relation` is rejected as `missing_reference`; a
    row whose parent was rejected is rejected as `parent_rejected`, naming the parent's
    reason. The parent is the row that wins over its repeats (`reject_repeated_ids`: the newest
    file, then the last row), whatever else the earlier rows broke. -#}
{% macro reject_orphans(export_name, child_relation, parent_relation) -%}
{%- set reference = (atelier.contract_table_meta(export_name).get('references') or [{}])[0] -%}
{%- set key = reference.get('column', 'unknown') -%}
{%- set parent_file = reference.get('export', 'unknown') ~ '.csv' -%}

with

children as (

    select * from {{ child_relation }}

),

parent_rows_ranked as (

    select
        business_id,
        {{ key }} as parent_id,
        rejection_code as parent_rejection_code,
        row_number() over (
            partition by business_id, {{ key }}
            order by file_modified_ns desc, file_name desc, line_number desc
        ) as rank_from_last
    from {{ parent_relation }}
    where {{ key }} is not null

),

parents as (

    select business_id, parent_id, parent_rejection_code
    from parent_rows_ranked
    where rank_from_last = 1

),

parents_matched as (

    select
        children.*,
        parents.parent_id is not null as has_parent,
        parents.parent_rejection_code
    from children
    left join parents
        on children.business_id = parents.business_id
        and children.{{ key }} = parents.parent_id

),

final as (

    select
        {{ atelier.add_rejection(
            export_name,
            condition="not has_parent or parent_rejection_code is not null",
            code="case when has_parent then 'parent_rejected' else 'missing_reference' end",
            message="case when has_parent then '" ~ key ~ " ' || " ~ atelier.in_quotes(key) ~ " || ' was rejected (' || parent_rejection_code || ')' else '" ~ key ~ " ' || " ~ atelier.in_quotes(key) ~ " || ' is not in " ~ parent_file ~ "' end",
        ) }}
    from parents_matched

)

select * from final
{%- endmacro %}

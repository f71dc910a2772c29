{#- The incremental strategy `business` of every model keyed by business: the rows of the
    businesses this run rebuilds are deleted, then the model's new rows (those businesses'
    only, read through `rebuilt`) inserted. A removed business has no new rows: its old
    ones are simply deleted. Plain SQL: the same on DuckDB and PostgreSQL. -#}
{% macro get_incremental_business_sql(arg_dict) -%}
    {%- set target_relation = arg_dict['target_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
delete from {{ target_relation }}
where business_id in (select business_id from {{ atelier.rebuilt_businesses() }});
insert into {{ target_relation }} ({{ columns }})
select {{ columns }} from {{ arg_dict['temp_relation'] }}
{%- endmacro %}

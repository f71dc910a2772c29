{#- dbt's `get_where_subquery`, which wraps the model a generic data test reads: its `where`
    config as dbt applies it, and in an incremental run, for a model keyed by business, only
    the rows of the businesses this run rebuilt (the others passed the same tests when they
    were built, and have not changed since). -#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- if atelier.is_business_keyed(relation) and not atelier.plan_is_full() -%}
        {%- do conditions.append(atelier.in_rebuilt_businesses()) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered = '(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') dbt_subquery' -%}
        {#- dbt-duckdb renders a relation with `external` as that text: the test still gets a
            relation (its identifier names the model) that reads the filtered rows -#}
        {%- if target.type == 'duckdb' and relation.identifier is not none -%}
            {{ return(relation.incorporate(external=filtered)) }}
        {%- endif -%}
        {{ return(filtered) }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}

{#- Whether `relation` is a model of this project keyed by business (materialised
    incrementally: dbt_project.yml). -#}
{% macro is_business_keyed(relation) -%}
    {%- if not execute or relation is string or relation.identifier is none -%}
        {{ return(false) }}
    {%- endif -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model' and node.config.materialized == 'incremental'
        and node.schema == relation.schema and node.alias == relation.identifier -%}
        {{ return(true) }}
    {%- endfor -%}
    {{ return(false) }}
{%- endmacro %}

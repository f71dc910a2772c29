{#- grant_marts_usage(schemas)
    description: >
      The SQL of the `on-run-end` hook that lets the reader role into schema `marts`:
      `grant usage on schema marts to <role>`. dbt `grants` (dbt_project.yml, models/marts:
      SELECT for var `reader_role`, default `atelier_reader`, on PostgreSQL) give SELECT on
      each marts relation, but a role also needs USAGE on the schema to reach them. The roles
      are read from the `grants` config of the marts nodes, so USAGE goes to exactly the roles
      that were granted SELECT. Nothing is granted on raw, staging, intermediate or audit.
      Empty (no statement) when the run built nothing in marts or when no marts node has
      grants (DuckDB, which has no roles). On PostgreSQL dbt builds the marts into the shadow
      schema marts__next, so this is empty there too: publish_warehouse grants USAGE and
      SELECT on `marts` in the transaction that swaps the shadow in.
    arguments:
      - name: schemas
        type: list[string]
        description: The `schemas` variable of on-run-end hooks (schemas where nodes succeeded).
-#}
{% macro grant_marts_usage(schemas) -%}
    {%- set roles = [] -%}
    {%- if execute and 'marts' in schemas -%}
        {%- set roles = atelier.marts_reader_roles() -%}
    {%- endif -%}
    {%- if roles -%}
        grant usage on schema marts to {{ roles | join(', ') }}
    {%- endif -%}
{%- endmacro %}

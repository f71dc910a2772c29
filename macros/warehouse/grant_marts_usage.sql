{#- grant_marts_usage(schemas)
    description: >
      The SQL of the `on-run-end` hook that lets the reader role into schema `marts`:
      `grant usage on schema marts to <role>`. dbt `grants` (dbt_project.yml, models/marts:
      SELECT for var `reader_role`, default `atelier_reader`, on PostgreSQL) give SELECT on
      each marts relation, but a role also needs USAGE on the schema to reach them. The roles
      are read from the `grants` config of the marts nodes, so USAGE goes to exactly the roles
      that were granted SELECT. Nothing is granted on raw, staging, intermediate or audit.
      Empty (no statement) when the run built nothing in marts or when no marts node has
      grants (DuckDB, which has no roles).
    arguments:
      - name: schemas
        type: list[string]
        description: The `schemas` variable of on-run-end hooks (schemas where nodes succeeded).
-#}
{% macro grant_marts_usage(schemas) -%}
    {%- set roles = [] -%}
    {%- if execute and 'marts' in schemas -%}
        {%- for node in graph.nodes.values() if node.schema == 'marts' -%}
            {%- for role in (node.config.grants or {}).get('select', []) -%}
                {%- if role not in roles -%}
                    {%- do roles.append(role) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if roles -%}
        grant usage on schema marts to {{ roles | join(', ') }}
    {%- endif -%}
{%- endmacro %}

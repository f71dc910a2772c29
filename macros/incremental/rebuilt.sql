{#- Nightly runs rebuild only the businesses whose files changed (atelier/plan.py). The
    on-run-start hook (macros/util/check_exports_folder.sql) writes the plan into the build
    database: `raw.businesses_rebuilt`, one row per business this run rebuilds, and
    `raw.run_plan`, whether it rebuilds every business.

    rebuilt(relation)   in a run that rebuilds some businesses only, the rows of `relation`
        of those businesses (a subquery); otherwise `relation` itself. Every model keyed by business
        reads its inputs through it, the ref still written in the model:
        `from {{ atelier.rebuilt(ref('fct_orders')) }}`.
    rebuilt_businesses()   the relation listing the businesses this run rebuilds.
    plan_is_full()   true when this run rebuilds every business (first build, --full-refresh,
        a change to the project): incremental models are then created afresh. -#}
{% macro rebuilt(relation) -%}
    {#- `this` is none in a unit test: its inputs are the test's fixtures, read whole. The
        plan, not is_incremental(), decides: an ephemeral model's SQL is read by an
        incremental one, and a partial plan means every incremental model is patched. -#}
    {%- if this is not none and not atelier.plan_is_full() -%}
        (select * from {{ relation }} where business_id in (select business_id from {{ atelier.rebuilt_businesses() }}))
    {%- else -%}
        {{ relation }}
    {%- endif -%}
{%- endmacro %}

{% macro rebuilt_businesses() -%}
    {{ return(api.Relation.create(database=target.database, schema='raw', identifier='businesses_rebuilt')) }}
{%- endmacro %}

{% macro plan_is_full() -%}
    {%- if not execute or target.type != 'duckdb' -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set plan = adapter.get_relation(database=target.database, schema='raw', identifier='run_plan') -%}
    {%- if plan is none -%}
        {{ return(true) }}
    {%- endif -%}
    {{ return(run_query('select is_full from ' ~ plan).columns[0].values()[0]) }}
{%- endmacro %}

{#- A condition keeping the rows of the businesses this run rebuilt, for singular tests: in
    an incremental run they check what the run changed (the other businesses passed them when
    they were built). On other warehouses every business is rebuilt: always true. -#}
{% macro in_rebuilt_businesses(column='business_id') -%}
    {%- if target.type == 'duckdb' -%}
        {{ column }} in (select business_id from {{ atelier.rebuilt_businesses() }})
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}

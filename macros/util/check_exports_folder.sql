{#- The `on-run-start` hook that opens every DuckDB run, through functions the plugin
    (atelier/dbt_plugin.py) registers on the connection:
    1. Every structural check of the exports folder, once, before any model reads it
       (`atelier.sources.check_folder`): a fault stops the run here with its one line, naming
       the path and what to do.
    2. For `dbt build` and `dbt run`, the plan (atelier/plan.py): which businesses changed
       since the last successful build. The plugin then reads only their files, and the
       incremental models rebuild only their rows (macros/incremental/). The plan is written
       as `raw.businesses_rebuilt` and `raw.run_plan`, and logged in one line. Every business
       is rebuilt on a first build, with --full-refresh, when the project changed, or when an
       incremental model's table is missing from the build database.
    Other commands (`dbt test`, `dbt source freshness`) read and test every business.
    Elsewhere `atelier load` runs the same check and loads everything, so this does nothing. -#}
{% macro check_exports_folder() -%}
    {%- if execute and target.type == 'duckdb' -%}
        {%- set plans = flags.WHICH in ['build', 'run'] -%}
        {%- set full = flags.FULL_REFRESH or atelier.incremental_tables_missing() -%}
        {%- set sql -%}
            select atelier_check_exports_folder(
                {{ dbt.string_literal(var('exports_path') | string | replace("'", "''")) }},
                {{ dbt.string_literal(tojson(invocation_args_dict.get('vars') or {}) | replace("'", "''")) }},
                {{ plans }},
                {{ full }}
            )
        {%- endset -%}
        {%- set fault = run_query(sql).columns[0].values()[0] -%}
        {%- if fault -%}
            {{ exceptions.raise_compiler_error(fault) }}
        {%- endif -%}
        {%- if plans -%}
            {%- do log(run_query('select atelier_plan_summary()').columns[0].values()[0], info=True) -%}
            create or replace table {{ atelier.rebuilt_businesses() }} as
            select cast(unnest(atelier_rebuilt_businesses()) as varchar) as business_id;
            create or replace table raw.run_plan as select atelier_plan_is_full() as is_full
        {%- else -%}
            {#- dbt test, source freshness, docs: every business is read and tested -#}
            create or replace table raw.run_plan as select true as is_full
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- True when a model materialised incrementally has no table in the build database (a new
    build database, or a table dropped by hand): its rows cannot be patched, so every
    business is rebuilt. -#}
{% macro incremental_tables_missing() -%}
    {%- set expected = [] -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.config.materialized == 'incremental' -%}
        {%- do expected.append(node.schema ~ '.' ~ node.alias) -%}
    {%- endfor -%}
    {%- if not expected -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set found = run_query(
        "select count(*) from information_schema.tables where table_catalog = current_database() "
        ~ "and table_schema || '.' || table_name in ('" ~ (expected | join("', '")) ~ "')"
    ).columns[0].values()[0] -%}
    {{ return(found < expected | length) }}
{%- endmacro %}

{#- Publishing: readers see the marts of the last successful `dbt build`, whole, and never
    block a build (DECISIONLOG.md, "Publishing").

    publish_warehouse(results)   the `on-run-end` hook. Publishes only after a `dbt build` in
        which every node passed (success, pass, warn, no-op); otherwise logs one line
        "not published: <why>; <where> unchanged" and runs nothing.
        DuckDB: dbt builds into a private database (profiles.yml); this copies every marts
        relation (as a table) and the audit relations analysts need into a new file in DuckDB
        1.4's storage format, then atelier_publish_commit (a Python function the dbt-duckdb
        plugin registers, atelier/publish.py) renames it over the published file and logs
        "published N relations to <path>".
        PostgreSQL: dbt builds the marts into the shadow schema `marts__next`
        (generate_schema_name); this swaps it in for `marts` in one transaction.
        Spark: dbt builds into `marts__next` too; Spark's metastore has no transaction and
        no rename across schemas, so each mart is copied to `marts.<name>__publishing`, then
        swapped for `marts.<name>` by a drop and a rename (metadata only), one after another.
        A failed build never reaches this; a reader may see, for an instant, one mart of the
        new build beside another of the previous one.
    report_published(results)    the next hook: logs "published N relations to schema marts"
        on PostgreSQL and Spark once the swap committed (DuckDB logs from Python instead).
-#}
{% macro publish_warehouse(results) -%}
    {{ return(adapter.dispatch('publish_warehouse', 'atelier')(results)) }}
{%- endmacro %}

{% macro default__publish_warehouse(results) -%}
{%- endmacro %}

{% macro report_published(results) -%}
    {{ return(adapter.dispatch('report_published', 'atelier')(results)) }}
{%- endmacro %}

{% macro default__report_published(results) -%}
{%- endmacro %}

{#- The schema dbt builds the marts into on PostgreSQL, swapped in for `marts` when published. -#}
{% macro publish_shadow_schema() -%}
    {{ return('marts__next') }}
{%- endmacro %}

{#- PostgreSQL and Spark: whether the shadow schema may be published, else one line saying
    why not. -#}
{% macro shadow_may_publish(results) -%}
    {%- set blocker = atelier.publish_blocker(results, every_mart=true) -%}
    {%- if blocker -%}
        {%- do log('not published: ' ~ blocker ~ '; schema marts unchanged', info=True) -%}
    {%- endif -%}
    {{ return(not blocker) }}
{%- endmacro %}

{#- The marts nodes (models, seeds, snapshots whose +schema is marts), sorted by name. -#}
{% macro published_marts_nodes() -%}
    {%- set nodes = [] -%}
    {%- for node in graph.nodes.values()
        if node.resource_type in ['model', 'seed', 'snapshot']
        and node.config.schema == 'marts' and node.config.materialized != 'ephemeral' -%}
        {%- do nodes.append(node) -%}
    {%- endfor -%}
    {{ return(nodes | sort(attribute='alias')) }}
{%- endmacro %}

{#- The roles granted SELECT on marts relations (the `grants` config of the marts nodes). -#}
{% macro marts_reader_roles() -%}
    {%- set roles = [] -%}
    {%- for node in atelier.published_marts_nodes() -%}
        {%- for role in (node.config.grants or {}).get('select', []) -%}
            {%- if role not in roles -%}
                {%- do roles.append(role) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(roles) }}
{%- endmacro %}

{#- Why this run must not publish, or '' when it may. every_mart: also require that this run
    built every marts node (PostgreSQL, where the shadow schema holds only this run's marts). -#}
{% macro publish_blocker(results, every_mart=false) -%}
    {%- if flags.WHICH != 'build' -%}
        {{ return('`dbt ' ~ flags.WHICH ~ '` does not publish, only `dbt build` does') }}
    {%- endif -%}
    {#- no-op: a saved query of the semantic layer (models/marts/semantic/), which `dbt build`
        lists but has nothing to build without exports. -#}
    {%- set passed = ['success', 'pass', 'warn', 'no-op'] -%}
    {%- set failed = [] -%}
    {%- set skipped = [] -%}
    {%- set built = [] -%}
    {%- for result in results -%}
        {%- if result.status in passed -%}
            {%- do built.append(result.node.unique_id) -%}
        {%- elif result.status == 'skipped' -%}
            {%- do skipped.append(result.node.name) -%}
        {%- else -%}
            {%- do failed.append(result.node.name ~ ' (' ~ result.status ~ ')') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if failed or skipped -%}
        {%- set parts = [] -%}
        {%- if failed -%}
            {%- do parts.append(failed | length ~ ' failed: ' ~ (failed[:3] | join(', ')) ~ (', ...' if failed | length > 3 else '')) -%}
        {%- endif -%}
        {%- if skipped -%}
            {%- do parts.append(skipped | length ~ ' skipped') -%}
        {%- endif -%}
        {{ return('the build did not pass (' ~ parts | join('; ') ~ ')') }}
    {%- endif -%}
    {%- if every_mart -%}
        {%- set missing = [] -%}
        {%- for node in atelier.published_marts_nodes() if node.unique_id not in built -%}
            {%- do missing.append(node.name) -%}
        {%- endfor -%}
        {%- if missing -%}
            {{ return('this build did not build every mart (' ~ (missing[:3] | join(', ')) ~ (', ...' if missing | length > 3 else '') ~ '): only a full `dbt build` publishes') }}
        {%- endif -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{#- Whether this run built every model of the project (no --select left one out): only then
    does a publish record the run's plan (atelier/plan.py) as the next run's reference. -#}
{% macro every_model_built(results) -%}
    {%- set built = [] -%}
    {%- for result in results if result.status == 'success' -%}
        {%- do built.append(result.node.unique_id) -%}
    {%- endfor -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.config.enabled and node.config.materialized != 'ephemeral' and node.unique_id not in built -%}
        {{ return(false) }}
    {%- endfor -%}
    {{ return(true) }}
{%- endmacro %}

{#- ---------------------------------------------------------------------------- DuckDB -#}

{#- A query at render time outside any transaction (run_query would leave one open, and the
    hook's SQL below ATTACHes, commits and DETACHes on its own). -#}
{% macro publish_query(sql) -%}
    {%- call statement('atelier_publish_query', fetch_result=True, auto_begin=False) -%}
        {{ sql }}
    {%- endcall -%}
    {{ return(load_result('atelier_publish_query').table) }}
{%- endmacro %}
{% macro duckdb__publish_warehouse(results) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set registered = atelier.publish_query("select count(*) from duckdb_functions() where function_name = 'atelier_publish_commit'").columns[0].values()[0] -%}
    {%- if registered == 0 -%}
        {%- do log('not published: the profile gives the atelier plugin no published_path; nothing published', info=True) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set published = atelier.publish_query('select atelier_publish_path()').columns[0].values()[0] -%}
    {%- set blocker = atelier.publish_blocker(results) -%}
    {%- if blocker -%}
        {%- do log('not published: ' ~ blocker ~ '; ' ~ published ~ ' unchanged', info=True) -%}
        {{ return('') }}
    {%- endif -%}

    {%- set existing = atelier.publish_query(
        "select table_schema || '.' || table_name from information_schema.tables "
        ~ "where table_catalog = current_database() and table_schema in ('marts', 'audit')"
    ).columns[0].values() -%}
    {%- set copies = [] -%}
    {%- set missing = [] -%}
    {%- set audit = ['export_row_counts', 'rejected_rows'] -%}
    {%- for node in atelier.published_marts_nodes() + (graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | selectattr('name', 'in', audit) | list) -%}
        {%- do copies.append({
            'schema': node.config.schema,
            'name': node.alias,
            'from': node.schema ~ '.' ~ node.alias,
            'relation': api.Relation.create(database=target.database, schema=node.schema, identifier=node.alias),
        }) -%}
    {%- endfor -%}
    {%- for copy in copies if copy['from'] not in existing -%}
        {%- do missing.append(copy['from']) -%}
    {%- endfor -%}
    {%- if missing -%}
        {%- do log('not published: ' ~ (missing | join(', ')) ~ ' never built (run a full `dbt build`); ' ~ published ~ ' unchanged', info=True) -%}
        {{ return('') }}
    {%- endif -%}

    {#- Table and column comments (persist_docs), so DBeaver and the CLI still describe them. -#}
    {%- set table_comments = {} -%}
    {%- for row in atelier.publish_query("select schema_name || '.' || table_name, comment from duckdb_tables() where database_name = current_database() and schema_name in ('marts', 'audit') and comment is not null") -%}
        {%- do table_comments.update({row[0]: row[1]}) -%}
    {%- endfor -%}
    {%- set column_comments = {} -%}
    {%- for row in atelier.publish_query("select schema_name || '.' || table_name, column_name, comment from duckdb_columns() where database_name = current_database() and schema_name in ('marts', 'audit') and comment is not null") -%}
        {%- do column_comments.setdefault(row[0], []).append([row[1], row[2]]) -%}
    {%- endfor -%}

    {%- do atelier.publish_query('detach database if exists atelier_publish') -%}
    {#- A nightly run that rebuilt some businesses only patches a copy of the published file:
        in each table keyed by business, those businesses' rows are replaced. -#}
    {%- set publish = {'patch': not atelier.plan_is_full()
        and atelier.publish_query("select count(*) from glob('" ~ (published | replace("'", "''")) ~ "')").columns[0].values()[0] > 0} -%}
    {%- do publish.update({'next': atelier.publish_query('select atelier_publish_prepare(' ~ publish.patch ~ ')').columns[0].values()[0]}) -%}
    {%- if publish.patch -%}
        {%- do atelier.publish_query("attach '" ~ (publish.next | replace("'", "''")) ~ "' as atelier_publish") -%}
        {%- set published_tables = atelier.publish_query(
            "select table_schema || '.' || table_name from information_schema.tables where table_catalog = 'atelier_publish'"
        ).columns[0].values() -%}
        {%- do atelier.publish_query('detach atelier_publish') -%}
        {%- for copy in copies if publish.patch and copy['schema'] ~ '.' ~ copy['name'] not in published_tables -%}
            {#- the published file lacks a relation (an older release): write it whole -#}
            {%- do publish.update({'patch': false}) -%}
            {%- do publish.update({'next': atelier.publish_query('select atelier_publish_prepare(false)').columns[0].values()[0]}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set patch = publish.patch -%}
    {%- set next_path = publish.next -%}
    {%- set rebuilt = 'business_id in (select business_id from ' ~ atelier.rebuilt_businesses() ~ ')' -%}
    {%- do log('publishing ' ~ copies | length ~ ' relations to ' ~ published ~ ' (writing ' ~ next_path ~ (', patching the rebuilt businesses' if patch else '') ~ ')') -%}

attach '{{ next_path | replace("'", "''") }}' as atelier_publish{% if not patch %} (storage_version 'v1.4.0'){% endif %};
begin transaction;
{%- if not patch %}
create schema atelier_publish.marts;
create schema atelier_publish.audit;
{%- endif %}
{% for copy in copies -%}
{%- set target_name = 'atelier_publish.' ~ copy['schema'] ~ '.' ~ adapter.quote(copy['name']) -%}
{%- set rows = atelier.published_rejected_rows(copy['relation']) if copy['schema'] == 'audit' and copy['name'] == 'rejected_rows' else 'select * from ' ~ copy['relation'] -%}
{%- if patch and atelier.is_business_keyed(copy['relation']) %}
delete from {{ target_name }} where {{ rebuilt }};
insert into {{ target_name }} select * from ({{ rows }}) as published_rows where {{ rebuilt }};
{%- else %}
{%- if patch %}
drop table {{ target_name }};
{%- endif %}
create table {{ target_name }} as {{ rows }};
{%- set table_comment = table_comments.get(copy['from'], '') -%}
{%- if copy['schema'] == 'audit' and copy['name'] == 'rejected_rows' -%}
{%- set table_comment = ((table_comment | trim) ~ ' Published copy: any e-mail address in reason or raw_record is masked.') | trim -%}
{%- endif %}
{%- if table_comment %}
comment on table {{ target_name }} is '{{ table_comment | replace("'", "''") }}';
{%- endif %}
{%- for column, comment in column_comments.get(copy['from'], []) %}
comment on column {{ target_name }}.{{ adapter.quote(column) }} is '{{ comment | replace("'", "''") }}';
{%- endfor %}
{%- endif %}
{% endfor -%}
commit;
detach atelier_publish;
select atelier_publish_commit({{ copies | length }}, {{ atelier.every_model_built(results) }});
{%- endmacro %}

{#- audit.rejected_rows as analysts get it. raw_record already leaves the contract's personal
    fields out (macros/staging/raw_record.sql); as a safety net for free text, any e-mail
    address in raw_record or in a reason is masked (`<e-mail>`; the JSON stays valid: the
    pattern never takes a quote or a backslash). -#}
{% macro published_rejected_rows(relation) -%}
    {%- set columns = atelier.publish_query(
        "select column_name from information_schema.columns where table_catalog = current_database() "
        ~ "and table_schema = '" ~ relation.schema ~ "' and table_name = '" ~ relation.identifier ~ "' "
        ~ "order by ordinal_position"
    ).columns[0].values() -%}
    select
        {%- for column in columns %}
        {% if column in ['reason', 'raw_record'] -%}
        regexp_replace({{ column }}, '[^\s''"<>(),;:\\]+@[^\s''"<>(),;:\\]+', '<e-mail>', 'g') as {{ column }}
        {%- else -%}
        {{ adapter.quote(column) }}
        {%- endif %}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }}
{%- endmacro %}

{#- ------------------------------------------------------------------------ PostgreSQL -#}
{% macro postgres__publish_warehouse(results) -%}
    {%- if not execute or not atelier.shadow_may_publish(results) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set shadow = atelier.publish_shadow_schema() -%}
    {%- set names = [] -%}
    {%- for node in atelier.published_marts_nodes() -%}
        {%- do names.append("'" ~ node.alias ~ "'") -%}
    {%- endfor -%}
    {%- set roles = atelier.marts_reader_roles() -%}
    {%- set timeout = var('publish_lock_timeout', '30s') | string | replace("'", "''") -%}
begin;
set local lock_timeout = '{{ timeout }}';
do $publish$
declare
    deadline timestamptz := clock_timestamp() + interval '{{ timeout }}';
    relation record;
    blocked text;
begin
    -- Lock every live marts relation. NOWAIT, retried until the deadline: waiting in the lock
    -- queue would make every new reader of that relation wait behind the build.
    loop
        begin
            for relation in
                select relname from pg_class
                where relnamespace = to_regnamespace('marts') and relkind in ('r', 'p', 'v', 'm', 'f')
                order by relname
            loop
                blocked := relation.relname;
                execute format('lock table marts.%I in access exclusive mode nowait', relation.relname);
            end loop;
            exit;
        exception when lock_not_available then
            if clock_timestamp() >= deadline then
                raise exception 'a reader holds a lock on marts.%; published marts unchanged', blocked
                    using errcode = 'lock_not_available',
                          hint = 'publish_lock_timeout ({{ timeout }}) ran out; the new marts stay in schema {{ shadow }} until the next build';
            end if;
            perform pg_sleep(0.1);
        end;
    end loop;
    -- The shadow schema holds exactly the project's marts (none left from a removed model).
    for relation in
        select relname, relkind from pg_class
        where relnamespace = to_regnamespace('{{ shadow }}') and relkind in ('r', 'p', 'v', 'm', 'f')
            and relname <> all (array[{{ names | join(', ') }}]::text[])
    loop
        execute format('drop %s if exists {{ shadow }}.%I cascade',
            case relation.relkind when 'v' then 'view' when 'm' then 'materialized view'
                when 'f' then 'foreign table' else 'table' end,
            relation.relname);
    end loop;
    drop schema if exists marts cascade;
    alter schema {{ shadow }} rename to marts;
    {%- if roles %}
    grant usage on schema marts to {{ roles | join(', ') }};
    grant select on all tables in schema marts to {{ roles | join(', ') }};
    {%- endif %}
end
$publish$;
commit;
{%- endmacro %}

{% macro postgres__report_published(results) -%}
    {%- if execute and not atelier.publish_blocker(results, every_mart=true) -%}
        {%- set count = run_query("select count(*) from pg_class where relnamespace = to_regnamespace('marts') and relkind in ('r', 'p', 'v', 'm', 'f')").columns[0].values()[0] -%}
        {%- do log('published ' ~ count ~ ' relations to schema marts of database ' ~ target.dbname, info=True) -%}
    {%- endif -%}
{%- endmacro %}

{#- --------------------------------------------------------------------------- Spark -#}
{% macro spark__publish_warehouse(results) -%}
    {%- if not execute or not atelier.shadow_may_publish(results) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set shadow = atelier.publish_shadow_schema() -%}
    {%- set names = atelier.published_marts_nodes() | map(attribute='alias') | list -%}
    {%- do run_query('create database if not exists marts') -%}
    {%- for node in atelier.published_marts_nodes() -%}
        {%- set publishing = 'marts.' ~ node.alias ~ '__publishing' -%}
        {%- do run_query('drop table if exists ' ~ publishing) -%}
        {%- do run_query('create table ' ~ publishing ~ ' using parquet comment ' ~ atelier.text_literal(node.description | trim) ~ ' as select * from ' ~ shadow ~ '.' ~ node.alias) -%}
        {%- do run_query('drop table if exists marts.' ~ node.alias) -%}
        {%- do run_query('alter table ' ~ publishing ~ ' rename to marts.' ~ node.alias) -%}
    {%- endfor -%}
    {#- a mart the project no longer has leaves marts with it -#}
    {%- for row in run_query('show tables in marts') if row['tableName'] not in names and not row['isTemporary'] -%}
        {%- do run_query('drop table if exists marts.' ~ row['tableName']) -%}
    {%- endfor -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__report_published(results) -%}
    {%- if execute and not atelier.publish_blocker(results, every_mart=true) -%}
        {%- set published = [] -%}
        {%- for row in run_query('show tables in marts') if not row['isTemporary'] -%}
            {%- do published.append(row['tableName']) -%}
        {%- endfor -%}
        {%- do log('published ' ~ published | length ~ ' relations to schema marts', info=True) -%}
    {%- endif -%}
{%- endmacro %}

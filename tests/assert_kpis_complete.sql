-- A KPI is whole when it has its model (models/marts/kpis/kpi_<kpi_id>.sql), its YAML
-- (kpi_<kpi_id>.yml, applying the shared test kpi_model_shape), its row in
-- seeds/kpi_catalog.csv, its rows in seeds/kpi_benchmarks.csv and its place in the union of KPI
-- values (kpi_values_unioned), and its model is tagged with its catalog vertical (`jewelry` or
-- `accessories`, selectors.yml). One row per KPI missing one of them, naming what is missing.
-- Which models are KPI models is derived, not listed: a model of models/marts/kpis named
-- kpi_<kpi_id> is one when the catalog has <kpi_id>, or it carries a vertical tag, or its YAML
-- applies kpi_model_shape (any one step of "Adding a KPI" done makes it one). The folder's
-- other models (the scorecard, the benchmark ranges, the union, the benchmarking) are none.
{%- set union_model = 'kpi_values_unioned' %}
{%- set vertical_tags = {'luxury_custom_jewelry': 'jewelry', 'custom_3d_accessories': 'accessories'} %}
{%- set candidates = [] %}
{%- set model_tags = {} %}
{%- set shape_tested = [] %}
{%- set unioned = [] %}
{%- if execute %}
{%- for node in graph.nodes.values() %}
{%- if node.resource_type == 'test' and node.test_metadata and node.test_metadata.name == 'kpi_model_shape' %}
{%- do shape_tested.append(node.attached_node.split('.')[-1]) %}
{%- elif node.resource_type == 'model' and node.package_name == project_name %}
{%- if node.fqn[1:3] == ['marts', 'kpis'] and node.name.startswith('kpi_') %}
{%- do candidates.append(node.name) %}
{%- do model_tags.update({node.name: node.tags | select('in', vertical_tags.values() | list) | join(',')}) %}
{%- endif %}
{%- if node.name == union_model %}
{%- for parent in node.depends_on.nodes %}
{%- do unioned.append(parent.split('.')[-1]) %}
{%- endfor %}
{%- endif %}
{%- endif %}
{%- endfor %}
{%- endif %}
with

catalog as (

    select
        kpi_id,
        case vertical
            {%- for vertical, tag in vertical_tags.items() %}
            when '{{ vertical }}' then '{{ tag }}'
            {%- endfor %}
        end as vertical_tag
    from {{ ref('kpi_catalog') }}

),

benchmarked as (

    select distinct kpi_id from {{ ref('kpi_benchmarks') }}

),

candidates as (

    select
        cast(null as {{ dbt.type_string() }}) as kpi_id,
        cast(null as {{ dbt.type_string() }}) as model_name,
        cast(null as {{ dbt.type_string() }}) as vertical_tag,
        cast(null as boolean) as is_shape_tested,
        cast(null as boolean) as is_unioned
    where 1 = 0
    {%- for model_name in candidates %}
    union all
    select
        '{{ model_name[4:] }}',
        '{{ model_name }}',
        '{{ model_tags[model_name] }}',
        {{ 'true' if model_name in shape_tested else 'false' }},
        {{ 'true' if model_name in unioned else 'false' }}
    {%- endfor %}

),

models as (

    select
        candidates.kpi_id,
        candidates.model_name,
        candidates.vertical_tag,
        candidates.is_shape_tested,
        candidates.is_unioned
    from candidates
    left join catalog on candidates.kpi_id = catalog.kpi_id
    where catalog.kpi_id is not null or candidates.vertical_tag <> '' or candidates.is_shape_tested

),

problems as (

    select models.kpi_id, 'model ' || models.model_name || ' has no row in seeds/kpi_catalog.csv' as problem
    from models
    left join catalog on models.kpi_id = catalog.kpi_id
    where catalog.kpi_id is null

    union all

    select catalog.kpi_id, 'catalog KPI without a model models/marts/kpis/kpi_' || catalog.kpi_id || '.sql' as problem
    from catalog
    left join models on catalog.kpi_id = models.kpi_id
    where models.kpi_id is null

    union all

    select catalog.kpi_id, 'catalog KPI without benchmark rows in seeds/kpi_benchmarks.csv' as problem
    from catalog
    left join benchmarked on catalog.kpi_id = benchmarked.kpi_id
    where benchmarked.kpi_id is null

    union all

    select
        models.kpi_id,
        'model ' || models.model_name || ' is not tagged ' || coalesce(catalog.vertical_tag, '(unknown vertical)')
        || ', its vertical in seeds/kpi_catalog.csv (tags: ' || models.vertical_tag || ')' as problem
    from models
    inner join catalog on models.kpi_id = catalog.kpi_id
    where catalog.vertical_tag is null or catalog.vertical_tag <> models.vertical_tag

    union all

    select benchmarked.kpi_id, 'benchmark rows of a KPI not in seeds/kpi_catalog.csv' as problem
    from benchmarked
    left join catalog on benchmarked.kpi_id = catalog.kpi_id
    where catalog.kpi_id is null

    union all

    select
        kpi_id,
        'model ' || model_name || ' is not in the union of KPI values ({{ union_model }}.sql)' as problem
    from models
    where not is_unioned

    union all

    select
        kpi_id,
        'model ' || model_name || ' has no kpi_model_shape test: its YAML models/marts/kpis/'
        || model_name || '.yml is missing or lacks it' as problem
    from models
    where not is_shape_tested

)

select * from problems

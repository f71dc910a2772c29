-- A KPI is whole when it has its model (models/marts/kpis/kpi_<kpi_id>.sql), its row in
-- seeds/kpi_catalog.csv, its rows in seeds/kpi_benchmarks.csv and its place in the union of
-- KPI values (int_kpis_unioned), and its model is tagged with its catalog vertical (`jewelry`
-- or `accessories`, selectors.yml). One row per KPI missing one of them, naming what is missing.
-- A KPI model is a model of models/marts/kpis named kpi_<kpi_id>, except the two below.
{%- set not_kpi_models = ['kpi_scorecard', 'kpi_benchmark_ranges'] %}
{%- set vertical_tags = {'luxury_custom_jewelry': 'jewelry', 'custom_3d_accessories': 'accessories'} %}
{%- set kpi_models = [] %}
{%- set model_tags = {} %}
{%- set unioned = [] %}
{%- if execute %}
{%- for node in graph.nodes.values() if node.resource_type == 'model' and node.package_name == project_name %}
{%- if node.fqn[1:3] == ['marts', 'kpis'] and node.name.startswith('kpi_') and node.name not in not_kpi_models %}
{%- do kpi_models.append(node.name) %}
{%- do model_tags.update({node.name: node.tags | select('in', vertical_tags.values() | list) | join(',')}) %}
{%- endif %}
{%- if node.name == 'int_kpis_unioned' %}
{%- for parent in node.depends_on.nodes %}
{%- do unioned.append(parent.split('.')[-1]) %}
{%- endfor %}
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

models as (

    select
        cast(null as {{ dbt.type_string() }}) as kpi_id,
        cast(null as {{ dbt.type_string() }}) as model_name,
        cast(null as {{ dbt.type_string() }}) as vertical_tag
    where 1 = 0
    {%- for model_name in kpi_models %}
    union all
    select '{{ model_name[4:] }}', '{{ model_name }}', '{{ model_tags[model_name] }}'
    {%- endfor %}

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

    {%- for model_name in kpi_models if model_name not in unioned %}
    union all
    select '{{ model_name[4:] }}' as kpi_id, 'model {{ model_name }} is not in the union of KPI values (int_kpis_unioned)' as problem
    {%- endfor %}

)

select * from problems

{#- dbt.cast on Spark, which names two of the contract's types differently: `text` is
    `string` and `double precision` is `double` there. dbt reads the contract's `data_type`s
    through this macro (models/marts/kpis/_kpis__models.yml), so the contract is written once
    in the DuckDB/PostgreSQL names. The project's dispatch (dbt_project.yml) puts it first. -#}
{% macro spark__cast(field, type) -%}
    {%- set spark_names = {'text': 'string', 'double precision': 'double'} -%}
    cast({{ field }} as {{ spark_names.get(type | trim | lower, type) }})
{%- endmacro %}

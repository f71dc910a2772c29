{#- The contract's columns of one export (name, description, meta), read from the `exports`
    source in the graph, in file order. Empty while dbt parses (the graph is not built yet). -#}
{% macro contract_columns(export_name) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set node = graph.sources['source.atelier.exports.' ~ export_name] -%}
    {{ return(node.columns.values() | list) }}
{%- endmacro %}

{#- The `meta` of one export's source table (file, primary_key, references). -#}
{% macro contract_table_meta(export_name) -%}
    {%- if not execute -%}
        {{ return({}) }}
    {%- endif -%}
    {{ return(graph.sources['source.atelier.exports.' ~ export_name].meta) }}
{%- endmacro %}

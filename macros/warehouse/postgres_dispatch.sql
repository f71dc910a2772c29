{#- PostgreSQL implementations of the project's dispatched macros, where the `default__`
    version runs on PostgreSQL but gives a different result from DuckDB's.

    postgres__json_text_object(column_names)
        The raw record as JSON text, byte for byte what DuckDB's `json_object` writes, so that
        audit.rejected_rows is identical on both warehouses. `json_build_object` would write
        `{"k" : "v", ...}` (spaces around `:` and after `,`); this writes `{"k":"v",...}`.
        Values are escaped by `to_json`, as DuckDB does (`\"`, `\\`, `\n`, `\t`, `\u0001`),
        except that DuckDB writes the hex digits of control characters in capitals
        (`\u001F`): the six escapes `\u001a`-`\u001f` are rewritten, and only in a value that
        holds one of those characters.
        Arguments: column_names (list of text columns of the relation being selected),
        expressions (optional: column name -> SQL text expression written under that name).
-#}
{% macro postgres__json_text_object(column_names, expressions={}) -%}
    cast('{' ||
        {%- for name in column_names %}
        '{{ "," if not loop.first }}"{{ name }}":' || {{ atelier.postgres__json_text_value("(" ~ expressions.get(name, name) ~ ")") }}{{ " ||" if not loop.last }}
        {%- endfor %}
    || '}' as {{ dbt.type_string() }})
{%- endmacro %}

{#- One text value as a JSON string (or `null`), escaped as DuckDB escapes it. -#}
{% macro postgres__json_text_value(name) -%}
    {%- set escaped = "to_json(cast(" ~ name ~ " as text))::text" -%}
    {%- set uppercased = namespace(sql=escaped) -%}
    {%- for digit in ['a', 'b', 'c', 'd', 'e', 'f'] -%}
        {#- \u001<digit> not preceded by an escaped backslash: a control character -#}
        {%- set uppercased.sql = "regexp_replace(" ~ uppercased.sql ~ ", '(?<!\\\\)((?:\\\\\\\\)*)\\\\u001" ~ digit ~ "', '\\1\\\\u001" ~ digit | upper ~ "', 'g')" -%}
    {%- endfor -%}
    coalesce(case when {{ name }} ~ '[\x1a-\x1f]' then {{ uppercased.sql }} else {{ escaped }} end, 'null')
{%- endmacro %}

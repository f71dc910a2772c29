{#- A timestamp from `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or the same with `T`; null when the
    text has another shape or names a day or time that does not exist (2025-02-29, 24:00).
    Validated arithmetically before the cast, so no warehouse ever sees an invalid literal. -#}
{% macro parse_timestamp(text) -%}
    {%- set shape = '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?' -%}
    {%- set year = "cast(substring(" ~ text ~ ", 1, 4) as integer)" -%}
    {%- set month = "cast(substring(" ~ text ~ ", 6, 2) as integer)" -%}
    {%- set day = "cast(substring(" ~ text ~ ", 9, 2) as integer)" -%}
    {%- set hour = "cast(coalesce(nullif(substring(" ~ text ~ ", 12, 2), ''), '0') as integer)" -%}
    {%- set minute = "cast(coalesce(nullif(substring(" ~ text ~ ", 15, 2), ''), '0') as integer)" -%}
    {%- set second = "cast(coalesce(nullif(substring(" ~ text ~ ", 18, 2), ''), '0') as integer)" -%}
    case
        when {{ atelier.regex_full_match(text, shape) }}
            and {{ month }} between 1 and 12
            and {{ day }} between 1 and
                case
                    when {{ month }} = 2 then
                        case
                            when mod({{ year }}, 400) = 0
                                or (mod({{ year }}, 4) = 0 and mod({{ year }}, 100) <> 0) then 29
                            else 28
                        end
                    when {{ month }} in (4, 6, 9, 11) then 30
                    else 31
                end
            and {{ hour }} < 24 and {{ minute }} < 60 and {{ second }} < 60
            then cast(replace({{ text }}, 'T', ' ') as {{ dbt.type_timestamp() }})
    end
{%- endmacro %}

{#- The ISO text (`YYYY-MM-DD HH:MM[:SS]`) of a vendor's timestamp written in `form`, to be
    typed by `parse_timestamp` (which checks that the day and time exist); null when the text
    is not in that form (its shape: var `value_shapes`). Forms (docs/sources.md):
      shopify_timestamp    2025-12-07 19:08:25 -0500   the written clock time; offset dropped
      us_date              12/26/21, 12/26/2021, 1/5/2025  (Etsy; a 2-digit year is 20YY)
      calendly_timestamp   2025-03-03 11:00 am         (12-hour, am/pm any case)
      forms_timestamp      7/1/2024 22:05:36 (Sheets) or 2022/10/17 6:31:58 PM EST (Forms;
                           the zone label is dropped)
      octoprint_timestamp  19.12.2019 10:07 -#}
{% macro vendor_timestamp_text(text, form) -%}
    {%- if form == 'shopify_timestamp' -%}
        case
            when {{ atelier.regex_full_match(text, var('value_shapes')[form]) }}
                then substring({{ text }}, 1, 19)
        end
    {%- elif form == 'us_date' -%}
        {%- set year = dbt.split_part(text, "'/'", 3) -%}
        case
            when {{ atelier.regex_full_match(text, var('value_shapes')[form]) }}
                then {{ atelier.iso_date_text(
                    "case when length(" ~ year ~ ") = 2 then '20' || " ~ year ~ " else " ~ year ~ " end",
                    dbt.split_part(text, "'/'", 1),
                    dbt.split_part(text, "'/'", 2),
                ) }}
        end
    {%- elif form == 'calendly_timestamp' -%}
        {%- set clock = "trim(replace(replace(lower(substring(" ~ text ~ ", 12)), 'am', ''), 'pm', ''))" -%}
        case
            when {{ atelier.regex_full_match(text, var('value_shapes')[form]) }}
                then substring({{ text }}, 1, 10) || ' ' || {{ atelier.hour_24_text(
                    dbt.split_part(clock, "':'", 1), "lower(" ~ text ~ ") like '%pm'"
                ) }} || ':' || {{ dbt.split_part(clock, "':'", 2) }}
        end
    {%- elif form == 'forms_timestamp' -%}
        {%- set day_part = dbt.split_part(text, "' '", 1) -%}
        {%- set clock = dbt.split_part(text, "' '", 2) -%}
        {%- set meridiem = "lower(" ~ dbt.split_part(text, "' '", 3) ~ ")" -%}
        {%- set year_first = "length(" ~ dbt.split_part(day_part, "'/'", 1) ~ ") = 4" -%}
        {%- set hour = dbt.split_part(clock, "':'", 1) -%}
        case
            when {{ atelier.regex_full_match(text, var('value_shapes')[form]) }}
                then {{ atelier.iso_date_text(
                    "case when " ~ year_first ~ " then " ~ dbt.split_part(day_part, "'/'", 1) ~ " else " ~ dbt.split_part(day_part, "'/'", 3) ~ " end",
                    "case when " ~ year_first ~ " then " ~ dbt.split_part(day_part, "'/'", 2) ~ " else " ~ dbt.split_part(day_part, "'/'", 1) ~ " end",
                    "case when " ~ year_first ~ " then " ~ dbt.split_part(day_part, "'/'", 3) ~ " else " ~ dbt.split_part(day_part, "'/'", 2) ~ " end",
                ) }} || ' ' || case
                    when {{ meridiem }} in ('am', 'pm')
                        then {{ atelier.hour_24_text(hour, meridiem ~ " = 'pm'") }}
                    else lpad({{ hour }}, 2, '0')
                end || ':' || {{ dbt.split_part(clock, "':'", 2) }}
                || ':' || coalesce(nullif({{ dbt.split_part(clock, "':'", 3) }}, ''), '00')
        end
    {%- elif form == 'octoprint_timestamp' -%}
        {%- set day_part = dbt.split_part(text, "' '", 1) -%}
        {%- set clock = dbt.split_part(text, "' '", 2) -%}
        case
            when {{ atelier.regex_full_match(text, var('value_shapes')[form]) }}
                then {{ atelier.iso_date_text(
                    dbt.split_part(day_part, "'.'", 3),
                    dbt.split_part(day_part, "'.'", 2),
                    dbt.split_part(day_part, "'.'", 1),
                ) }} || ' ' || lpad({{ dbt.split_part(clock, "':'", 1) }}, 2, '0')
                || ':' || {{ dbt.split_part(clock, "':'", 2) }}
        end
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown vendor timestamp form '" ~ form ~ "'") }}
    {%- endif -%}
{%- endmacro %}

{#- `YYYY-MM-DD` from year, month and day texts (month and day padded to two digits). -#}
{% macro iso_date_text(year, month, day) -%}
    {{ year }} || '-' || lpad({{ month }}, 2, '0') || '-' || lpad({{ day }}, 2, '0')
{%- endmacro %}

{#- The 24-hour `HH` of a 12-hour clock's hour text (1-12); `99` (which no timestamp accepts)
    for an hour outside 1-12. -#}
{% macro hour_24_text(hour, is_pm) -%}
    case
        when cast({{ hour }} as integer) between 1 and 12
            then lpad(cast(mod(cast({{ hour }} as integer), 12) + case when {{ is_pm }} then 12 else 0 end as {{ dbt.type_string() }}), 2, '0')
        else '99'
    end
{%- endmacro %}

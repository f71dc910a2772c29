{#- The wall-clock time in zone `time_zone` (an IANA name, e.g. Europe/Paris) of the UTC
    timestamp `timestamp`; the timestamp unchanged when `time_zone` is null. -#}
{% macro utc_to_local(timestamp, time_zone) -%}
    {{ return(adapter.dispatch('utc_to_local', 'atelier')(timestamp, time_zone)) }}
{%- endmacro %}

{% macro default__utc_to_local(timestamp, time_zone) -%}
    case
        when {{ time_zone }} is null then {{ timestamp }}
        else cast(({{ timestamp }} at time zone 'UTC') at time zone {{ time_zone }} as {{ dbt.type_timestamp() }})
    end
{%- endmacro %}

{% macro spark__utc_to_local(timestamp, time_zone) -%}
    case
        when {{ time_zone }} is null then {{ timestamp }}
        else from_utc_timestamp({{ timestamp }}, {{ time_zone }})
    end
{%- endmacro %}

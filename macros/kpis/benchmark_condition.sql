{#- True when `value` meets a benchmark condition `operator` (`>=`, `>`, `<=`, `<`) `bound`,
    all three SQL expressions (the operator a column of the kpi_benchmarks seed). -#}
{% macro benchmark_condition(value, operator, bound) -%}
    case {{ operator }}
        when '>=' then {{ value }} >= {{ bound }}
        when '>' then {{ value }} > {{ bound }}
        when '<=' then {{ value }} <= {{ bound }}
        when '<' then {{ value }} < {{ bound }}
    end
{%- endmacro %}

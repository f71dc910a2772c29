{#- True when `value` meets a benchmark condition `operator` (`>=`, `>`, `<=`, `<`) `bound`,
    all three SQL expressions (the operator a column of the kpi_benchmarks seed).
    A value is a double computed from exact sums; when the exact ratio sits on the bound
    (1.16 kg of 2.9 kg = 40 %), the double may land one unit in the last place either side
    (39.99999999999999). Values within `tolerance` (relative) of the bound count as equal to
    it, so ">= 40" holds and "> 60" does not for an exact 60: doubles carry about 1e-16
    relative error, far below the tolerance, and far above it no real value is misjudged. -#}
{% macro benchmark_condition(value, operator, bound, tolerance=1e-12) -%}
    {%- set margin = "(" ~ tolerance ~ " * abs(" ~ bound ~ "))" -%}
    case {{ operator }}
        when '>=' then {{ value }} >= {{ bound }} - {{ margin }}
        when '>' then {{ value }} > {{ bound }} + {{ margin }}
        when '<=' then {{ value }} <= {{ bound }} + {{ margin }}
        when '<' then {{ value }} < {{ bound }} - {{ margin }}
    end
{%- endmacro %}

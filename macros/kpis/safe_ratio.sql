{#- numerator * multiplier / denominator as a double, null when the denominator is 0 or null.
    The multiplication comes first, so 45 of 50 gives exactly 90 (not 90.00000000000001). -#}
{% macro safe_ratio(numerator, denominator, multiplier=1) -%}
    case
        when {{ denominator }} <> 0
            then cast({{ numerator }} as {{ atelier.type_double() }}) * {{ multiplier }}
                / cast({{ denominator }} as {{ atelier.type_double() }})
    end
{%- endmacro %}

{#- A line's share of an order-level amount: `amount` x `line_amount` / `order_amount`, 0
    when the order amount is 0 (nothing to share by). Computed in doubles (DuckDB divides
    decimals as doubles anyway, and exact decimal products overflow numeric(38,15)), then
    back to the project's decimal. -#}
{% macro allocated_amount(amount, line_amount, order_amount) -%}
    case
        when {{ order_amount }} <> 0 and {{ amount }} <> 0
            then cast(
                cast({{ amount }} as {{ atelier.type_double() }}) * cast({{ line_amount }} as {{ atelier.type_double() }})
                / cast({{ order_amount }} as {{ atelier.type_double() }})
                as {{ atelier.type_decimal() }})
        else 0
    end
{%- endmacro %}

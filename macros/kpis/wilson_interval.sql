{#- One bound of the Wilson score interval of a proportion, in percent (0-100 like a KPI's
    value): `successes` of `trials`, at the confidence of `z` (1.959963984540054: 95 %, two-sided).
    Null when trials is 0 or null. Portable (DuckDB, PostgreSQL): every term is cast to a double
    first, so both warehouses compute the same doubles (a numeric literal would make
    PostgreSQL's power() exact-decimal).

    With p = s / n, the textbook lower bound
        (p + z²/2n - z·sqrt(p(1 - p)/n + z²/4n²)) / (1 + z²/n)
    is written, multiplied through by n, as
        low(s, n) = (s + z²/2 - z·sqrt(s(n - s)/n + z²/4)) / (n + z²)
    and the upper bound as its mirror, high(s, n) = 1 - low(n - s, n) (the interval of the
    failures, flipped): the same expression, and exactly 100 % when s = n. The lower bound is
    clamped at 0 against the last bit of rounding at s = 0, where it is exactly 0.

    bound: 'low' or 'high'. -#}
{% macro wilson_interval(successes, trials, bound, z=1.959963984540054) -%}
    {%- if bound not in ('low', 'high') -%}
        {{ exceptions.raise_compiler_error("wilson_interval: bound must be 'low' or 'high', not '" ~ bound ~ "'") }}
    {%- endif -%}
    {%- set n = dbt.cast(trials, atelier.type_double()) -%}
    {%- if bound == 'low' -%}
        {%- set s = dbt.cast(successes, atelier.type_double()) -%}
    {%- else -%}
        {%- set s = '(' ~ n ~ ' - ' ~ dbt.cast(successes, atelier.type_double()) ~ ')' -%}
    {%- endif -%}
    {%- set z_double = dbt.cast(z, atelier.type_double()) -%}
    {%- set z_squared = 'power(' ~ z_double ~ ', 2)' -%}
    case
        when {{ trials }} > 0 then
            {{ '100 - ' if bound == 'high' }}greatest(0, 100 * (
                {{ s }} + {{ z_squared }} / 2
                - {{ z_double }} * sqrt({{ s }} * ({{ n }} - {{ s }}) / {{ n }} + {{ z_squared }} / 4)
            ) / ({{ n }} + {{ z_squared }}))
    end
{%- endmacro %}

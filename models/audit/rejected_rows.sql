-- Every record kept out of the facts, from the last model that checks its export.
with

final as (

    {% for export_name, checked in atelier.checked_exports().items() %}
    select
        business_id,
        export_name,
        line_number,
        raw_record,
        rejection_code,
        rejection_code || ': ' || rejection_reason as reason
    from {{ checked }}
    where rejection_code is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final

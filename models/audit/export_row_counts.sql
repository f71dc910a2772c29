-- Rows read, accepted and rejected for every registered business and every export (0 for an
-- export the business does not have).
with

businesses as (

    select business_id from {{ ref('stg_exports__businesses') }}

),

exports as (

    {% for export_name in atelier.checked_exports() %}
    select '{{ export_name }}' as export_name
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

rows_counted as (

    {% for export_name, checked in atelier.checked_exports().items() %}
    select
        business_id,
        export_name,
        count(*) as rows_read,
        count(case when rejection_code is null then 1 end) as rows_accepted,
        count(rejection_code) as rows_rejected
    from {{ checked }}
    group by business_id, export_name
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        businesses.business_id,
        exports.export_name,
        coalesce(rows_counted.rows_read, 0) as rows_read,
        coalesce(rows_counted.rows_accepted, 0) as rows_accepted,
        coalesce(rows_counted.rows_rejected, 0) as rows_rejected
    from businesses
    cross join exports
    left join rows_counted
        on businesses.business_id = rows_counted.business_id
        and exports.export_name = rows_counted.export_name

)

select * from final

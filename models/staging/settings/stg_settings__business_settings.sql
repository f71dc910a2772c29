-- One row per business, setting and value of the businesses' sources.yml (defaults filled in).
with

source as (

    select * from {{ source('settings', 'business_settings') }}

),

final as (

    select
        business_id,
        setting,
        trim(setting_value) as setting_value
    from source

)

select * from final

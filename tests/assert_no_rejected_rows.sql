{{ config(severity='warn') }}
-- Warns (never fails) when exports hold rows that break the contract: one row per business,
-- export and rejection code with its count. Details in audit.rejected_rows.
select business_id, export_name, rejection_code, count(*) as n_rows
from {{ ref('rejected_rows') }}
group by business_id, export_name, rejection_code

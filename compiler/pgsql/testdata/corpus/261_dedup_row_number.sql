-- deps: raw.api_dump
-- columns: id, fetched_at, doc
with ranked as (
    select
        id,
        fetched_at,
        doc,
        row_number() over (partition by id order by fetched_at desc) as rn
    from raw.api_dump
)
select id, fetched_at, doc
from ranked
where rn = 1

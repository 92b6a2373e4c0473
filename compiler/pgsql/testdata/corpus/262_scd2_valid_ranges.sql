-- deps: stg.change
-- columns: surrogate_key, id, value, valid_from, valid_to, is_current
select
    md5(id::text || '|' || coalesce(to_char(changed_at, 'YYYY-MM-DD"T"HH24:MI:SS'), '')) as surrogate_key,
    id,
    value,
    changed_at as valid_from,
    lead(changed_at) over (partition by id order by changed_at) as valid_to,
    lead(changed_at) over (partition by id order by changed_at) is null as is_current
from stg.change

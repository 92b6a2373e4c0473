-- deps: raw.api_dump
-- columns: id, a, b, n
SELECT d.id, r.a, r.b, r.n
FROM raw.api_dump d
CROSS JOIN LATERAL ROWS FROM (
    jsonb_to_recordset(d.doc -> 'rows') AS (a int, b text)
) WITH ORDINALITY AS r(a, b, n)

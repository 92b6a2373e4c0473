-- deps: dsa.events
-- columns: kind, antal
WITH base AS MATERIALIZED (
    SELECT kind, occurred_at FROM dsa.events WHERE occurred_at > now() - interval '7 days'
), filtered AS NOT MATERIALIZED (
    SELECT kind FROM base WHERE kind IS NOT NULL
)
SELECT kind, count(*) AS antal FROM filtered GROUP BY kind

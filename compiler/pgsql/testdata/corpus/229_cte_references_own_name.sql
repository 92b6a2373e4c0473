-- deps: ky_sag
-- columns: sag_id, status
WITH ky_sag AS (
    -- without RECURSIVE this inner ky_sag is the real table public.ky_sag
    SELECT sag_id, status FROM ky_sag WHERE status <> 'Slettet'
)
SELECT sag_id, status FROM ky_sag

-- deps: dsa.borger
-- columns: borger_id
SELECT borger_id FROM dsa.borger
WHERE navn ILIKE '%sen' OR navn SIMILAR TO '(Jens|Hans)%' OR navn NOT ILIKE 'x%'

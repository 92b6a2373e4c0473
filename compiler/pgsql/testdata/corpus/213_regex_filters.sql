-- deps: dsa.borger
-- columns: borger_id, cpr, gyldig_cpr
SELECT borger_id,
       regexp_replace(cpr, '[^0-9]', '', 'g') AS cpr,
       cpr ~ '^\d{6}-?\d{4}$' AS gyldig_cpr
FROM dsa.borger
WHERE name ~* 'hansen|jensen'
  AND name !~ '^\s*$'
  AND coalesce(koen, '') SIMILAR TO '(M|K|)'
  AND cpr NOT SIMILAR TO '%(test|TEST)%'
  AND name ILIKE ANY (ARRAY['a%', 'b%'])

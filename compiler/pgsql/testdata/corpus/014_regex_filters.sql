-- deps: dsa.borger
-- columns: borger_id, postnr
SELECT borger_id, substring(adresse FROM '\d{4}') AS postnr
FROM dsa.borger
WHERE cpr ~ '^[0-9]{10}$'
  AND navn !~* 'test'
  AND coalesce(email, '') ~* '@'

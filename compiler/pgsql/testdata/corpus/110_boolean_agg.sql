-- deps: stg.stg_ky_sag
-- columns: borger_id, alle_aktive, nogen_aktive
SELECT borger_id, bool_and(aktiv) AS alle_aktive, bool_or(aktiv) AS nogen_aktive
FROM stg.stg_ky_sag
GROUP BY borger_id
HAVING count(*) > 1

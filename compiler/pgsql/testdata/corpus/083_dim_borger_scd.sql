-- deps: dsa.borger_historik
-- columns: borger_id, gyldig_fra, gyldig_til, er_aktuel
SELECT borger_id, gyldig_fra,
       coalesce(lead(gyldig_fra) OVER (PARTITION BY borger_id ORDER BY gyldig_fra) - 1, DATE '9999-12-31') AS gyldig_til,
       lead(gyldig_fra) OVER (PARTITION BY borger_id ORDER BY gyldig_fra) IS NULL AS er_aktuel
FROM dsa.borger_historik

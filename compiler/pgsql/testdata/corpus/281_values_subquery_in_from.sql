-- deps: dm.fact_ky_sager
-- columns: seneste, foerste
SELECT v.seneste, v.foerste
FROM (VALUES ((SELECT max(maaned) FROM dm.fact_ky_sager), (SELECT min(maaned) FROM dm.fact_ky_sager))) AS v(seneste, foerste)

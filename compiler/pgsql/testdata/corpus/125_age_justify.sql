-- deps: dsa.ky_sag
-- columns: sag_id, varighed
SELECT sag_id, justify_interval(age(slutdato, startdato)) AS varighed FROM dsa.ky_sag

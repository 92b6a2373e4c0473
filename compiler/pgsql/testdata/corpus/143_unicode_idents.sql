-- deps: dsa.børn
-- columns: barn_id, børnehave
SELECT barn_id, børnehave FROM dsa.børn WHERE år >= 2020

-- deps: dsa.ky_sag
-- columns: sag_id, status
WITH aktive AS (SELECT sag_id, status FROM dsa.ky_sag WHERE aktiv)
TABLE aktive

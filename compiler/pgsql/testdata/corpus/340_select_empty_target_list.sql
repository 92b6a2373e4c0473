-- deps: dsa.ky_sag
-- columns:
SELECT FROM dsa.ky_sag WHERE aktiv

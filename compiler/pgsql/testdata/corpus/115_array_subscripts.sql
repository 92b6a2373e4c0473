-- deps: dsa.ky_sag
-- columns: koder, foerste_to
SELECT koder[1:3] AS koder, koder[1] || koder[2] AS foerste_to FROM dsa.ky_sag

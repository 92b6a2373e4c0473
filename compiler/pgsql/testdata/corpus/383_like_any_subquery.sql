-- deps: dsa.medarbejder, ref.moenstre
-- columns: navn, stilling
SELECT navn, stilling
FROM dsa.medarbejder
WHERE stilling LIKE ANY (SELECT pattern FROM ref.moenstre WHERE kategori = 'leder')

-- deps: dsa.ky_sag
-- columns: sag_id, koder, foerste
SELECT sag_id, ARRAY[kode1, kode2, kode3] AS koder, (ARRAY[kode1, kode2])[1] AS foerste
FROM dsa.ky_sag
WHERE kode1 = ANY (ARRAY['A', 'B']) AND NOT (kode2 = ANY ('{C,D}'::text[]))

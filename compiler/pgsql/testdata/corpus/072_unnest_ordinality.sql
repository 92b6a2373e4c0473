-- deps: dsa.ky_sag
-- columns: sag_id, kode, nr
SELECT s.sag_id, u.kode, u.nr
FROM dsa.ky_sag s
CROSS JOIN LATERAL unnest(s.koder) WITH ORDINALITY AS u(kode, nr)

-- deps: dsa.borger, dsa.ky_sag
-- columns: borger_id, sag_id, oprettet_dato
SELECT b.borger_id, s.sag_id, s.oprettet_dato
FROM dsa.borger b
LEFT JOIN LATERAL (
    SELECT sag_id, oprettet_dato
    FROM dsa.ky_sag k
    WHERE k.borger_id = b.borger_id
    ORDER BY oprettet_dato DESC
    LIMIT 1
) s ON true

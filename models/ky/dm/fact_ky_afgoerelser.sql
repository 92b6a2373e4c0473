-- One row per afgoerelse_id: its latest row by afgoerelse_tid, ties broken by the highest
-- loebenummer, with the sag's latest information. Rows after data_tom have not happened.
SELECT DISTINCT ON (a.afgoerelse_id)
    a.afgoerelse_id,
    a.sag_id,
    a.afgoerelsestype,
    a.afgoerelse_tid,
    a.loebenummer,
    s.sagstilstand_data_tom AS sagstilstand,
    s.kommune_kode
FROM dsa.ky_afgoerelse AS a
LEFT JOIN stg_ky_sag_datoer AS s ON s.sag_id = a.sag_id
WHERE a.afgoerelse_tid < ${data_tom}::date + 1
ORDER BY a.afgoerelse_id, a.afgoerelse_tid DESC, a.loebenummer DESC NULLS LAST

-- fact_dagtilbud_komme_gaa for the benchmark cube: barn_uuid is replaced by pmakoer_id, the
-- keyed hash of the child's barn_id (through dsa.aula_barn), the same key as in
-- fact_dagtilbud_benchmark. Incremental by range, month for month with the fact.
--
-- The hash is computed once per child (dsa.aula_barn), not once per interval: HMAC-SHA-256
-- costs about 10 µs and a child has hundreds of intervals. GROUP BY keeps it there: a plain
-- SELECT from aula_barn is pulled up into the join, and the hash runs on every output row.
WITH pmakoer AS (
    SELECT barn_uuid, encode(hmac(barn_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id
    FROM dsa.aula_barn
    GROUP BY barn_uuid, barn_id
)

SELECT
    b.pmakoer_id,
    k.dato,
    k.interval_nr,
    k.kommune_kode,
    k.institution_nr,
    k.registrering,
    k.starttidspunkt,
    k.sluttidspunkt,
    k.start_minut_key,
    k.slut_minut_key,
    k.fuldtidsboern
FROM fact_dagtilbud_komme_gaa AS k
LEFT JOIN pmakoer AS b ON b.barn_uuid = k.barn_uuid
WHERE k.dato >= ${range_start}::date

-- fact_dagtilbud for the benchmark cube: barn_id is replaced by pmakoer_id, the keyed hash of
-- barn_id (the same key as in fact_dagtilbud_komme_gaa_benchmark, so one child has one key).
SELECT
    encode(hmac(barn_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id,
    maaned,
    institution_nr,
    plads_nr,
    kommune_kode,
    ugentlige_timer,
    fuldtidsboern
FROM fact_dagtilbud
-- Incremental by range, month for month with fact_dagtilbud.
WHERE maaned >= ${range_start}::date

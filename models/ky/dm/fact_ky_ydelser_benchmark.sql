-- fact_ky_ydelser for the benchmark cube: borger_id is replaced by the keyed hash pmakoer_id
-- so "berørte personer" (COUNT DISTINCT) still works across kommuner without a person id.
-- The key arrives as the session setting flis.pseudonym_key, never in SQL text.
SELECT
    encode(hmac(borger_id, current_setting('flis.pseudonym_key'), 'sha256'), 'hex') AS pmakoer_id,
    ydelse_id,
    maaned,
    sag_id,
    kommune_kode,
    ydelsestype,
    fuldtidsperson,
    ydelsesvarighed_dage,
    kle_nummer,
    ydelsesart
FROM fact_ky_ydelser
WHERE maaned >= ${range_start}::date

-- FSIII rows arrive as daily upserts: keep the latest version per tilstand_id and drop ids
-- whose latest version is entered-in-error (SPEC §3 Decision). A tie on version_tid is
-- resolved towards entered-in-error, so a doubtful row is left out rather than shown.
SELECT
    tilstand_id,
    borger_id,
    kommune_kode,
    tilstand_kode,
    svaerhedsgrad,
    vurdering_udfoerelse,
    vurdering_betydning,
    start_dato,
    slut_dato,
    opfoelgning_dato,
    version_tid,
    status
FROM (
    SELECT DISTINCT ON (tilstand_id) *
    FROM dsa.fsiii_tilstand
    ORDER BY tilstand_id, version_tid DESC NULLS LAST, (status = 'entered-in-error') DESC
) AS seneste
WHERE status IS DISTINCT FROM 'entered-in-error'

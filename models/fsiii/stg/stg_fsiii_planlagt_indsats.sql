-- Latest version per indsats_id, without ids whose latest version is entered-in-error
-- (same rule as stg_fsiii_tilstand).
SELECT
    indsats_id,
    borger_id,
    kommune_kode,
    indsats_kode,
    tilstand_id,
    start_dato,
    slut_dato,
    version_tid,
    status
FROM (
    SELECT DISTINCT ON (indsats_id) *
    FROM dsa.fsiii_planlagt_indsats
    ORDER BY indsats_id, version_tid DESC NULLS LAST, (status = 'entered-in-error') DESC
) AS seneste
WHERE status IS DISTINCT FROM 'entered-in-error'

-- Latest version per leveret_id, without ids whose latest version is entered-in-error
-- (same rule as stg_fsiii_tilstand).
SELECT
    leveret_id,
    borger_id,
    kommune_kode,
    indsats_kode,
    leveret_tid,
    version_tid,
    status
FROM (
    SELECT DISTINCT ON (leveret_id) *
    FROM dsa.fsiii_leveret_indsats
    ORDER BY leveret_id, version_tid DESC NULLS LAST, (status = 'entered-in-error') DESC
) AS seneste
WHERE status IS DISTINCT FROM 'entered-in-error'

-- One row per leveret indsats (latest valid version) delivered by data_tom, with the
-- citizen's age in whole years on the delivery date.
SELECT
    l.leveret_id,
    l.borger_id,
    l.kommune_kode,
    l.indsats_kode,
    l.leveret_tid,
    l.leveret_tid::date                                                    AS leveret_dato,
    l.version_tid,
    l.status,
    extract(year FROM age(l.leveret_tid::date, p.foedselsdato))::smallint AS alder
FROM stg_fsiii_leveret_indsats AS l
LEFT JOIN dsa.cpr_person AS p ON p.borger_id = l.borger_id
WHERE l.leveret_tid < ${data_tom}::date + 1

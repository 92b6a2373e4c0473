-- Ydelser per month in which the ydelse period [start_dato, slut_dato] overlaps the open
-- period of its sag [oprettet_dato, end date]; both closed intervals, open ends run to
-- data_tom. Coverage days are counted inclusively.
WITH overlap AS (
    SELECT
        y.ydelse_id,
        y.sag_id,
        y.borger_id,
        y.kommune_kode,
        y.ydelsestype,
        y.start_dato,
        s.kle_nummer,
        s.ydelsesart,
        greatest(y.start_dato, s.oprettet_dato)                      AS fra,
        least(coalesce(y.slut_dato, ${data_tom}::date),
              coalesce(s.slut_dato, ${data_tom}::date),
              ${data_tom}::date)                                     AS til
    FROM dsa.ky_ydelse AS y
    JOIN stg_ky_sag_datoer AS s ON s.sag_id = y.sag_id
    WHERE y.start_dato <= ${data_tom}::date
)

SELECT
    o.ydelse_id,
    m.maaned,
    o.sag_id,
    o.borger_id,
    o.kommune_kode,
    o.ydelsestype,
    (least(o.til, m.sidste_dag_i_maaned) - greatest(o.fra, m.maaned) + 1)::numeric
        / m.dage_i_maaned                                            AS fuldtidsperson,
    least(o.til, m.sidste_dag_i_maaned) - o.start_dato               AS ydelsesvarighed_dage,
    o.kle_nummer,
    o.ydelsesart
FROM overlap AS o
JOIN stg_maaned AS m
    ON  m.maaned <= o.til
    AND m.sidste_dag_i_maaned >= o.fra
WHERE o.fra <= o.til
  AND m.maaned >= ${range_start}::date

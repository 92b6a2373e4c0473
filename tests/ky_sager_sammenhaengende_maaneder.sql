-- fact_ky_sager has one row for every month from the month of oprettet_dato through the month
-- of the end date (or of data_tom while open): no gaps, no months missing at either end.
-- Returns the sager whose months do not form that run.
WITH spaend AS (
    SELECT
        sag_id,
        min(maaned)  AS foerste,
        max(maaned)  AS sidste,
        count(*)     AS antal,
        bool_or(er_afsluttet) AS er_afsluttet
    FROM fact_ky_sager
    GROUP BY sag_id
)

SELECT s.sag_id, s.foerste, s.sidste, s.antal
FROM spaend AS s
JOIN dsa.ky_sag AS k ON k.sag_id = s.sag_id
WHERE s.foerste <> date_trunc('month', k.oprettet_dato)::date
   OR s.antal <> (extract(year FROM age(s.sidste, s.foerste)) * 12
                  + extract(month FROM age(s.sidste, s.foerste)) + 1)
   OR (NOT s.er_afsluttet AND s.sidste <> date_trunc('month', ${data_tom}::date)::date)
